import type { Store } from '../repositories/store';
import { endedRunTotals, latestRuns, type StreamRun } from '../repositories/stream-runs';
import type { RunSnapshot } from './run';

export const RUNS_SHOWN = 20;

export interface StreamStatistics {
  /** posts received in all runs */
  amount: number;
  /** amount / elapsed_time; 0 before the first second */
  speed: number;
  /** whole seconds of all runs (the running one up to now) */
  elapsed_time: number;
  current: RunSnapshot | null;
  /** the latest runs, newest first; the running one as it stands now */
  runs: StreamRun[];
}

/**
 * The totals of every run, as the Nameko stream logger answers them: all messages over all elapsed
 * seconds. Ended runs come from the database; the running one from memory, so it is never counted twice.
 */
export async function readStatistics(
  store: Store,
  current: RunSnapshot | undefined,
): Promise<StreamStatistics> {
  const ended = await endedRunTotals(store, current?.id);
  const amount = ended.amount + (current?.amount ?? 0);
  const elapsed = Math.floor((ended.elapsedMs + (current?.elapsedMs ?? 0)) / 1000);
  const runs = (await latestRuns(store, RUNS_SHOWN)).map((run) =>
    run.id === current?.id ? { ...run, ...liveFields(current) } : run,
  );
  return {
    amount,
    speed: elapsed > 0 ? amount / elapsed : 0,
    elapsed_time: elapsed,
    current: current ?? null,
    runs,
  };
}

function liveFields(run: RunSnapshot): Partial<StreamRun> {
  const { track, elapsedMs, amount, stored, duplicates, lost, reconnects } = run;
  return { track, elapsedMs, amount, stored, duplicates, lost, reconnects, endedAt: null, endReason: null };
}
