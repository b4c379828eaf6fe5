import type { DataSource, EntityManager } from 'typeorm';

const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs a write transaction after the ones before it, and counts it in `data_version`. better-sqlite3
 * is one connection, and SQLite cannot nest transactions: tags collected concurrently would
 * otherwise interleave BEGIN/COMMIT.
 */
export function writeTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const result = previous
    .catch(() => undefined)
    .then(() =>
      dataSource.transaction(async (manager) => {
        const value = await work(manager);
        await manager.query('UPDATE data_version SET version = version + 1 WHERE id = 1');
        return value;
      }),
    );
  queues.set(
    dataSource,
    result.catch(() => undefined),
  );
  return result;
}

/**
 * Resolves once no write transaction is open. Reads wait for it: on the one shared connection they
 * would otherwise see a transaction's uncommitted half.
 */
export function afterWrites(dataSource: DataSource): Promise<unknown> {
  return queues.get(dataSource) ?? Promise.resolve();
}
