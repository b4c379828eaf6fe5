import { setTimeout as sleep } from 'node:timers/promises';
import { isDatabaseUnavailable, isWriteConflict } from '../database';
import { AppError, DatabaseUnavailableError } from '../errors';

/** The database stayed locked by another process for longer than the configured bound. */
export class DatabaseBusyError extends AppError {
  constructor(boundMs: number) {
    super(503, `the database is busy with another writer (waited ${boundMs} ms); try again shortly`, {
      headers: { 'Retry-After': String(Math.max(1, Math.ceil(boundMs / 1000))) },
    });
    this.name = 'DatabaseBusyError';
  }
}

/** The database is down or locked for now: the same write may succeed later. */
export const isTransientDatabaseError = (error: unknown): error is AppError =>
  error instanceof DatabaseUnavailableError || error instanceof DatabaseBusyError;

const FIRST_DELAY_MS = 10;
const MAX_DELAY_MS = 250;

/**
 * Runs `attempt` again while it loses a race with another writer (SQLITE_BUSY, a PostgreSQL deadlock), after jittered, growing pauses that leave the
 * event loop free (SQLite's own busy wait would block it), until `boundMs` has passed; then a 503.
 * `attempt` must be safe to repeat: a whole transaction, rolled back when it failed.
 */
export async function retryWhileBusy<T>(attempt: () => Promise<T>, boundMs: number): Promise<T> {
  const deadline = Date.now() + boundMs;
  for (let delay = FIRST_DELAY_MS; ; delay = Math.min(delay * 2, MAX_DELAY_MS)) {
    try {
      return await attempt();
    } catch (error) {
      const remaining = deadline - Date.now();
      if (isDatabaseUnavailable(error)) throw new DatabaseUnavailableError();
      if (!isWriteConflict(error)) throw error;
      if (remaining <= 0) throw new DatabaseBusyError(boundMs);
      await sleep(Math.min(remaining, delay / 2 + Math.random() * (delay / 2)));
    }
  }
}
