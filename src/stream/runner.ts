import { randomUUID } from 'node:crypto';
import { holderIdentity, holderIsDead } from '../collector/leader-lease';
import { AppError } from '../errors';
import { runWithRunId } from '../observability/request-context';
import { closeAbandonedRuns } from '../repositories/stream-runs';
import { openRun } from '../repositories/stream-runs-shared';
import type { StreamRunnerDeps } from './follow';
import { createLocalRuns, type LocalRuns } from './local-runs';
import type { RunSnapshot } from './run';
import { createSharedControl, type SharedControl } from './shared-run';
import { isGone } from './shared-supervision';
import { readStatistics, type StreamStatistics } from './statistics';
import type { ConnectionEnd, RefusedTerm } from './types';

export type { StreamRunnerDeps } from './follow';

/** What the API and the CLI may do with the stream. */
export interface StreamControl {
  /** Starts a run on `track`, or gives the running one these terms; a 400 when X refuses rules. */
  launch(track: string[]): Promise<{ runId: string; replaced: boolean }>;
  /** Ends the running run, if any, wherever it runs, and answers it as ended. */
  stop(reason?: string): Promise<RunSnapshot | undefined>;
  /** The run this process follows, if any. */
  current(): RunSnapshot | undefined;
  statistics(): Promise<StreamStatistics>;
}

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

export interface ReplicaDeps {
  /** this replica's name (HOSTNAME) */
  replicaName: string;
  /** the collector lease's TTL: a holder whose heartbeat is older than this is gone */
  leaseTtlMs: number;
  /** how often the run's state is read from the database once shared */
  pollMs?: number;
}

export function createStreamRunner(deps: StreamRunnerDeps & ReplicaDeps): StreamRunner {
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
      const staleBefore = new Date(Date.now() - deps.leaseTtlMs).toISOString();
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

/**
 * The rules of `track` in force at the source (logged with the run they are for); a failure to retry
 * later; a 400 when X refuses rules.
 */
export async function syncRulesOrRefuse(
  deps: StreamRunnerDeps,
  track: string[],
  runId: string,
): Promise<ConnectionEnd | undefined> {
  const failure = await runWithRunId(runId, () => deps.source.syncRules(track));
  if (failure?.kind === 'refused') throw rulesRefused(failure.refused);
  return failure;
}

function rulesRefused(refused: RefusedTerm[]): AppError {
  const named = refused.map(({ term, reason }) => `${term} (${reason})`).join(', ');
  return new AppError(400, `X refused the rule of: ${named}; no run started or changed`, {
    body: { refused },
  });
}

/** Runs work one at a time, in the order asked: launch, replace and stop never interleave. */
export function serialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(work, work);
    tail = result.catch(() => undefined);
    return result;
  };
}

export type SerialQueue = ReturnType<typeof serialQueue>;
