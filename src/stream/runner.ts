import { runWithRunId } from '../observability/request-context';
import { closeAbandonedRuns, insertRun, saveRun } from '../repositories/stream-runs';
import { reasonOf } from './backoff';
import { followRun, type StreamRunnerDeps } from './follow';
import { ActiveRun, type RunSnapshot } from './run';
import { runCounting } from './run-counting';
import { readStatistics, type StreamStatistics } from './statistics';
import { createUnsavedEnds } from './unsaved-ends';

export type { StreamRunnerDeps } from './follow';

/** What the API and the CLI may do with the stream. */
export interface StreamControl {
  /** Starts a run on `track`, or gives the running one these terms. */
  launch(track: string[]): Promise<{ runId: string; replaced: boolean }>;
  /** Ends the running run, if any, and answers it as ended. */
  stop(reason?: string): Promise<RunSnapshot | undefined>;
  current(): RunSnapshot | undefined;
  statistics(): Promise<StreamStatistics>;
}

export interface StreamRunner extends StreamControl {
  /** Closes the runs a crash left open, at their last heartbeat. */
  recover(): Promise<void>;
  /** After the last stop: stops saving again the ends the database refused (closed as crashed at the next start). */
  close(): void;
}

export function createStreamRunner(deps: StreamRunnerDeps): StreamRunner {
  const { dataSource, logger } = deps;
  const count = runCounting(deps.metrics);
  const unsavedEnds = createUnsavedEnds(logger);
  let active: ActiveRun | undefined;
  let serial: Promise<unknown> = Promise.resolve();
  // Launches run one at a time: a second /launch waits for the first to have its run.
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = serial.then(work, work);
    serial = result.catch(() => undefined);
    return result;
  };

  const start = async (track: string[]) => {
    const run = new ActiveRun(track);
    await insertRun(dataSource, { ...run.snapshot(), lastHeartbeatAt: run.snapshot().startedAt });
    active = run;
    deps.metrics.streamActive.set(1);
    // The rules are in force when /launch answers; a failure is retried (or ends the run) in the loop.
    run.rulesInSync = !(await runWithRunId(run.id, () => deps.source.syncRules(track)));
    const ended = () => {
      if (active === run) active = undefined;
    };
    run.done = runWithRunId(run.id, () => followRun({ ...deps, unsavedEnds }, run, count, ended));
    return { runId: run.id, replaced: false };
  };

  return {
    launch: (track) => exclusive(() => (active ? retrack(deps, active, track) : start(track))),
    async stop(reason = 'stopped') {
      const run = active;
      if (!run) return undefined;
      run.endReason ??= reason;
      run.controller.abort();
      await run.done;
      return run.snapshot();
    },
    current: () => active?.snapshot(),
    statistics: () => readStatistics(dataSource, active?.snapshot()),
    close() {
      const unsaved = unsavedEnds.close();
      if (unsaved.length) {
        logger.warn(`${unsaved.length} stream run end(s) not saved: closed as crashed at the next start`, {
          event: 'stream.end_unsaved',
          run_ids: unsaved,
        });
      }
    },
    async recover() {
      const closed = await closeAbandonedRuns(dataSource);
      if (closed.length) {
        logger.warn(`${closed.length} stream run(s) left open by a crash closed at their last heartbeat`, {
          event: 'stream.recovered',
          run_ids: closed,
        });
      }
    },
  };
}

/** Gives the running run new terms. X applies rule changes to an open connection. */
async function retrack(deps: StreamRunnerDeps, run: ActiveRun, track: string[]) {
  const { dataSource, logger } = deps;
  run.track = track;
  // A failed change is retried before the next connection.
  const failure = await deps.source.syncRules(track);
  run.rulesInSync = !failure;
  if (failure) {
    logger.warn(`stream rules not updated (${reasonOf(failure)}); retried at the next connection`, {
      event: 'stream.rules_error',
      run_id: run.id,
    });
  }
  await saveRun(dataSource, run.id, run.progress());
  runWithRunId(run.id, () =>
    logger.info(`stream run now tracks ${track.join(', ')}`, { event: 'stream.track', track }),
  );
  return { runId: run.id, replaced: true };
}
