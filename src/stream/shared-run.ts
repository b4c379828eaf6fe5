import { randomUUID } from 'node:crypto';
import { sleep } from '../clock';
import { AppError } from '../errors';
import { insertRun } from '../repositories/stream-runs';
import {
  endUnheldRun,
  openRun,
  requestStop,
  runById,
  setRunTrack,
  withControlLock,
  type OpenRun,
} from '../repositories/stream-runs-shared';
import type { StreamRunnerDeps } from './follow';
import type { LocalRuns } from './local-runs';
import type { RunSnapshot } from './run';
import type { StreamControl } from './control';
import { syncRulesOrRefuse } from './rules';
import type { SerialQueue } from './serial-queue';
import { isGone, snapshotOf, superviseRun } from './shared-supervision';
import { readStatistics } from './statistics';

export const SHARED_POLL_MS = 250;

export interface ReplicaDeps {
  /** this replica's name (HOSTNAME) */
  replicaName: string;
  /** the collector lease's TTL: a holder whose heartbeat is older than this is gone */
  leaseTtlMs: number;
  /** how often the run's state is read from the database once shared */
  pollMs?: number;
}

export interface SharedControlDeps extends StreamRunnerDeps, ReplicaDeps {
  local: LocalRuns;
  lease: { isLeader(): boolean };
  holder: string;
  queue: SerialQueue;
}

export type SharedControl = Pick<StreamControl, 'launch' | 'stop' | 'statistics'> & {
  close(): Promise<void>;
};

/**
 * The deployment's one run. Launch, replace and stop go one at a time in this process and, on
 * PostgreSQL, one at a time across replicas (an advisory lock); the run's state is its row, which the
 * holder (the collector lease holder) follows and every replica reads.
 */
export function createSharedControl(deps: SharedControlDeps): SharedControl {
  const { store, local, queue } = deps;
  const pollMs = deps.pollMs ?? SHARED_POLL_MS;
  // A holder whose heartbeat is this old is gone: the lease holder takes the run up.
  const staleMs = Math.max(3 * (deps.progressIntervalMs ?? 1000), Math.floor(deps.leaseTtlMs / 3));
  const supervision = { staleMs, pollMs };
  let ticking: Promise<void> | undefined;
  const tick = () =>
    (ticking ??= superviseRun(deps, supervision)
      .catch((error: unknown) => {
        deps.logger.warn('stream run not supervised', { event: 'stream.error', error });
      })
      .finally(() => (ticking = undefined)));
  const timer = deps.clock.setInterval(() => tick(), pollMs);
  timer.unref();
  const serialised = <T>(work: () => Promise<T>) => queue(() => withControlLock(store, work));

  return {
    launch: (track) =>
      serialised(async () => {
        const answer = await launchShared(deps, track);
        await tick();
        return answer;
      }),
    stop: (reason = 'stopped') =>
      serialised(async () => {
        const mine = local.active();
        if (mine) return (await local.stop(reason))?.snapshot();
        const row = await openRun(store);
        return row && stopElsewhere(deps, row, reason, supervision);
      }),
    async statistics() {
      const mine = local.active()?.snapshot();
      const row = mine ? undefined : await openRun(store);
      return readStatistics(store, mine ?? (row && snapshotOf(row, staleMs, deps.clock.now())));
    },
    async close() {
      deps.clock.clearInterval(timer);
      await ticking;
    },
  };
}

/** The open run takes the new terms; without one, a new run (taken up at once when this replica holds the lease). */
async function launchShared(deps: SharedControlDeps, track: string[]) {
  const { store, local, lease } = deps;
  const row = await openRun(store);
  const id = row?.id ?? randomUUID();
  const failure = await syncRulesOrRefuse(deps, track, id);
  if (row) {
    await setRunTrack(store, row.id, track);
    const mine = local.active();
    if (mine?.id === row.id) await local.retrack(mine, track, failure);
    return { runId: row.id, replaced: true };
  }
  if (lease.isLeader()) await local.start(track, failure, id);
  else
    await insertRun(store, {
      id,
      track,
      startedAt: new Date(deps.clock.now()).toISOString(),
      holder: null,
    });
  return { runId: id, replaced: false };
}

/** Asks the holder to end the run and waits for its end; a run no live replica holds is ended here. */
async function stopElsewhere(
  deps: SharedControlDeps,
  row: OpenRun,
  reason: string,
  { staleMs, pollMs }: { staleMs: number; pollMs: number },
): Promise<RunSnapshot | undefined> {
  const { store, logger } = deps;
  await requestStop(store, row.id, reason);
  logger.info(`asked the stream run's holder to stop it`, {
    event: 'stream.stop_requested',
    run_id: row.id,
    holder: row.holder,
  });
  const deadline = deps.clock.now() + deps.leaseTtlMs + 5 * pollMs;
  for (;;) {
    const now = await runById(store, row.id);
    if (!now) return undefined;
    if (now.endedAt) return snapshotOf(now, staleMs, deps.clock.now());
    if (isGone(now, deps, staleMs)) await endUnheldRun(store, now.id, reason);
    else if (deps.clock.now() > deadline)
      throw new AppError(504, `the stream run's holder did not stop it within ${deps.leaseTtlMs} ms`);
    else await sleep(deps.clock, pollMs);
  }
}
