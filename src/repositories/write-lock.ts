import type { DataSource, EntityManager } from 'typeorm';
import { busyRetryMsOf } from '../database';
import { retryWhileBusy } from './busy-retry';

const queues = new WeakMap<DataSource, Promise<unknown>>();
const commitHooks = new WeakMap<EntityManager, (() => void)[]>();

/**
 * Runs `hook` once the write transaction `manager` belongs to has committed: never for an attempt that
 * was rolled back (a busy retry, an error). The "posts stored" notification goes out this way, so a
 * consumer never hears of rows it cannot read yet.
 */
export function onCommit(manager: EntityManager, hook: () => void): void {
  const hooks = commitHooks.get(manager);
  if (!hooks) throw new Error('onCommit needs the manager of a writeTransaction');
  hooks.push(hook);
}

/**
 * Runs a write transaction after the ones before it, and counts it in `data_version`. better-sqlite3
 * is one connection, and SQLite cannot nest transactions: tags collected concurrently would
 * otherwise interleave BEGIN/COMMIT. While another process (`npm run collect`) holds the write lock,
 * the whole transaction is rolled back and tried again later, up to the configured bound; then a 503.
 * Bookkeeping that no answer reads (the leader lease, collection requests, the outbox relay's deletes)
 * passes `changesData: false`,
 * so it does not empty every replica's read cache.
 */
export function writeTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  options: { changesData?: boolean } = {},
): Promise<T> {
  const changesData = options.changesData ?? true;
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const result = previous
    .catch(() => undefined)
    .then(() =>
      retryWhileBusy(async () => {
        let hooks: (() => void)[] = [];
        const value = await dataSource.transaction(async (manager) => {
          hooks = [];
          commitHooks.set(manager, hooks);
          const result = await work(manager);
          if (changesData) await manager.query('UPDATE data_version SET version = version + 1 WHERE id = 1');
          return result;
        });
        hooks.forEach((hook) => hook());
        return value;
      }, busyRetryMsOf(dataSource)),
    );
  queues.set(
    dataSource,
    result.catch(() => undefined),
  );
  return result;
}
