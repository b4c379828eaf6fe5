import type { DataSource, EntityManager } from 'typeorm';

const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs a write transaction after the ones before it. better-sqlite3 is one connection, and SQLite
 * cannot nest transactions: tags collected concurrently would otherwise interleave BEGIN/COMMIT.
 */
export function writeTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const result = previous.catch(() => undefined).then(() => dataSource.transaction(work));
  queues.set(dataSource, result.catch(() => undefined));
  return result;
}
