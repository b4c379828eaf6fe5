import type { DataSource } from 'typeorm';
import { busyRetryMsOf, readerOf } from '../database';
import { retryWhileBusy } from './busy-retry';
import { query } from './sql';

/**
 * Runs a read on the read-only connection. It sees only committed transactions (WAL), never the open
 * write transaction of another request on the writing connection, and does not wait for it.
 */
export function read<T = Record<string, unknown>>(
  dataSource: DataSource,
  sql: string,
  parameters: Record<string, unknown> = {},
): Promise<T[]> {
  return retryWhileBusy(
    () => query<T>(readerOf(dataSource).manager, sql, parameters),
    busyRetryMsOf(dataSource),
  );
}
