import type { DataSource } from 'typeorm';
import { retryWhileBusy } from './busy-retry';
import { query } from './sql';

/** What a read needs of the store: the connection reads go to, the retry bound. */
export interface Readable {
  reader: DataSource;
  busyRetryMs: number;
}

/**
 * Runs a read on the read-only connection. It sees only committed transactions (WAL), never the open
 * write transaction of another request on the writing connection, and does not wait for it.
 */
export function read<T = Record<string, unknown>>(
  store: Readable,
  sql: string,
  parameters: Record<string, unknown> = {},
): Promise<T[]> {
  return retryWhileBusy(() => query<T>(store.reader.manager, sql, parameters), store.busyRetryMs);
}
