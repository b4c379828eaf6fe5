import type { Logger } from 'winston';
import type { Clock, Timer } from '../clock';

const RETRY_MS = 5000;

/**
 * The ends of runs stopped while the database was down or locked. The run has stopped (its
 * connection is closed, /stop answered); only its row is still open, so its end is saved again every
 * `retryMs` until the database answers. Runs end one at a time, so this holds a handful at most;
 * what is left at shutdown is closed as crashed at the next start, at its last heartbeat.
 */
export function createUnsavedEnds(logger: Logger, clock: Clock, retryMs = RETRY_MS) {
  const pending = new Map<string, () => Promise<void>>();
  let timer: Timer | undefined;

  const retry = async () => {
    for (const [runId, save] of pending) {
      try {
        await save();
        pending.delete(runId);
        logger.info('stream run end saved now that the database answers', {
          event: 'stream.end_saved',
          run_id: runId,
        });
      } catch {
        // still down: tried again at the next round
      }
    }
    timer = undefined;
    schedule();
  };
  const schedule = () => {
    if (pending.size > 0 && !timer) timer = clock.setTimeout(() => retry(), retryMs);
  };

  return {
    add(runId: string, save: () => Promise<void>): void {
      pending.set(runId, save);
      schedule();
    },
    /** Stops retrying (shutdown); returns the run ids whose end was never saved. */
    close(): string[] {
      clock.clearTimeout(timer);
      const left = [...pending.keys()];
      pending.clear();
      return left;
    },
  };
}

export type UnsavedEnds = ReturnType<typeof createUnsavedEnds>;
