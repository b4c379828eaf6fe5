import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../clock';
import { AppError } from '../errors';
import { holderIdentity, holderIsDead } from '../lease-holder';
import { closeAbandonedRuns } from '../repositories/stream-runs';
import { openRun } from '../repositories/stream-runs-shared';
import type { StreamControl } from './control';
import type { StreamRunnerDeps } from './follow';
import { createLocalRuns, type LocalRuns } from './local-runs';
import { syncRulesOrRefuse } from './rules';
import { serialQueue } from './serial-queue';
import { createSharedControl, type ReplicaDeps, type SharedControl } from './shared-run';
import { isGone } from './shared-supervision';
import { readStatistics } from './statistics';

export type { StreamRunnerDeps } from './follow';

export interface StreamRunner extends StreamControl {
  /** Closes the runs a crash left open (their heartbeat stale), at their last heartbeat. */
  recover(): Promise<void>;
  /**
   * From now on the run is the deployment's: the lease holder follows it, and every replica launches,
   * stops and reports the same run through the database.
   */
  share(lease: { isLeader(): boolean }): void;
  /** Shutdown: a shared run is left to the next holder; a local one ends as `shutdown`. */
  shutdown(): Promise<void>;
  /** After the last stop: stops saving again the ends the database refused (closed as crashed at the next start). */
  close(): void;
}

/** What the service gives the runner: the system clock unless told otherwise. */
export type StreamRunnerOptions = Omit<StreamRunnerDeps, 'clock'> & ReplicaDeps & { clock?: Clock };

export function createStreamRunner(options: StreamRunnerOptions): StreamRunner {
  const deps = { ...options, clock: options.clock ?? systemClock };
  const { store, logger } = deps;
  const holder = holderIdentity(deps.replicaName);
  const local = createLocalRuns({ ...deps, holder });
  const queue = serialQueue();
  let shared: SharedControl | undefined;

  const localControl: Pick<StreamControl, 'launch' | 'stop' | 'statistics'> = {
    launch: (track) => queue(() => launchHere({ ...deps, holder }, local, track)),
    stop: (reason = 'stopped') => queue(async () => (await local.stop(reason))?.snapshot()),
    statistics: () => readStatistics(store, local.active()?.snapshot()),
  };
  const control = () => shared ?? localControl;

  return {
    launch: (track) => control().launch(track),
    stop: (reason) => control().stop(reason),
    statistics: () => control().statistics(),
    current: () => local.active()?.snapshot(),
    share(lease) {
      shared ??= createSharedControl({ ...deps, local, lease, holder, queue });
    },
    async shutdown() {
      if (!shared) return void (await local.stop('shutdown'));
      await shared.close();
      await local.release();
    },
    close() {
      const unsaved = local.unsavedEnds.close();
      if (unsaved.length) {
        logger.warn(`${unsaved.length} stream run end(s) not saved: closed as crashed at the next start`, {
          event: 'stream.end_unsaved',
          run_ids: unsaved,
        });
      }
    },
    async recover() {
      const staleBefore = new Date(deps.clock.now() - deps.leaseTtlMs).toISOString();
      const closed = await closeAbandonedRuns(store, staleBefore, (other) => holderIsDead(other, holder));
      if (closed.length) {
        logger.warn(`${closed.length} stream run(s) left open by a crash closed at their last heartbeat`, {
          event: 'stream.recovered',
          run_ids: closed,
        });
      }
    },
  };
}

/**
 * One process alone (the CLI, a service not started): a new run here, or the running one given new
 * terms. A run another live process holds is left alone: its connection and its rules stay.
 */
async function launchHere(
  deps: StreamRunnerDeps & ReplicaDeps & { holder: string },
  local: LocalRuns,
  track: string[],
) {
  const run = local.active();
  const other = run ? undefined : await openRun(deps.store);
  if (other && !isGone(other, deps, deps.leaseTtlMs)) {
    throw new AppError(
      409,
      `a stream run is live elsewhere (${other.holder}); launch or stop it through the server`,
    );
  }
  const runId = run?.id ?? randomUUID();
  const failure = await syncRulesOrRefuse(deps, track, runId);
  if (run) {
    await local.retrack(run, track, failure);
    return { runId, replaced: true };
  }
  await local.start(track, failure, runId);
  return { runId, replaced: false };
}
