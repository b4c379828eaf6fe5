import { runWithRunId } from '../observability/request-context';
import { insertRun, saveRun } from '../repositories/stream-runs';
import { claimRun, type OpenRun } from '../repositories/stream-runs-shared';
import { reasonOf } from './backoff';
import { followRun, type StreamRunnerDeps } from './follow';
import { ActiveRun } from './run';
import { runCounting } from './run-counting';
import type { ConnectionEnd } from './types';
import { createUnsavedEnds } from './unsaved-ends';

/**
 * The run this process follows, if any: started here, or taken up from another replica. A run being
 * stopped or left is no longer the active one, so what is queued after it sees none.
 */
export function createLocalRuns(deps: StreamRunnerDeps & { holder: string }) {
  const { store, logger, holder, clock } = deps;
  const count = runCounting(deps.metrics, clock);
  const unsavedEnds = createUnsavedEnds(logger, clock);
  let active: ActiveRun | undefined;

  const follow = (run: ActiveRun) => {
    active = run;
    deps.metrics.streamActive.set(1);
    deps.metrics.streamHeld.set(1);
    const ended = () => {
      if (active === run) active = undefined;
      deps.metrics.streamHeld.set(active ? 1 : 0);
    };
    run.done = runWithRunId(run.id, () => followRun({ ...deps, unsavedEnds }, run, count, ended));
  };

  const end = async (how: (run: ActiveRun) => void): Promise<ActiveRun | undefined> => {
    const run = active;
    if (!run) return undefined;
    active = undefined;
    how(run);
    run.controller.abort();
    await run.done;
    return run;
  };

  return {
    unsavedEnds,
    active: () => active,
    /** A new run on `track`, its rules synced already (or not: `ruleFailure`, retried before connecting). */
    async start(track: string[], ruleFailure: ConnectionEnd | undefined, id: string): Promise<ActiveRun> {
      const run = new ActiveRun(track, holder, clock, id);
      const { startedAt } = run.snapshot();
      await insertRun(store, { id: run.id, track, startedAt, holder });
      run.rulesInSync = !ruleFailure;
      follow(run);
      return run;
    },
    /** Takes up a run another replica held (or none yet): false when a third one took it first. */
    async adopt(row: OpenRun, reason: string | undefined): Promise<ActiveRun | undefined> {
      const now = new Date(clock.now()).toISOString();
      if (!(await claimRun(store, { id: row.id, holder, expected: row.holder, now }))) return undefined;
      const run = ActiveRun.resume(row, holder, clock);
      if (reason) count.reconnect(run, reason);
      follow(run);
      return run;
    },
    stop: (reason: string) => end((run) => (run.endReason ??= reason)),
    /** Leaves the run to the next holder, its counters saved. */
    release: () => end((run) => (run.leaving = 'release')),
    /** Lets go of a run ended or taken up elsewhere, saving nothing. */
    abandon: () => end((run) => (run.leaving = 'abandon')),
    /** The active run's new terms; `ruleFailure` when they are not in force yet (retried before connecting). */
    retrack: (run: ActiveRun, track: string[], ruleFailure?: ConnectionEnd) =>
      retrack(deps, run, track, ruleFailure),
  };
}

async function retrack(
  { store, logger }: StreamRunnerDeps,
  run: ActiveRun,
  track: string[],
  ruleFailure?: ConnectionEnd,
): Promise<void> {
  run.track = track;
  run.rulesInSync = !ruleFailure;
  if (ruleFailure) {
    logger.warn(`stream rules not updated (${reasonOf(ruleFailure)}); retried at the next connection`, {
      event: 'stream.rules_error',
      run_id: run.id,
    });
  }
  await saveRun(store, run.id, { ...run.progress(), track });
  runWithRunId(run.id, () =>
    logger.info(`stream run now tracks ${track.join(', ')}`, { event: 'stream.track', track }),
  );
}

export type LocalRuns = ReturnType<typeof createLocalRuns>;
