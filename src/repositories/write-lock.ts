import type { DataSource, EntityManager } from 'typeorm';
import { retryWhileBusy } from './busy-retry';

/** One write transaction's attempt, beside its manager. */
export interface WriteTx {
  /**
   * Runs `hook` once this transaction has committed: never for an attempt that was rolled back (a busy
   * retry, an error). The "posts stored" notification goes out this way, so a consumer never hears of
   * rows it cannot read yet.
   */
  onCommit(hook: () => void): void;
}

/** The write transactions of one database, one after the other. */
export class WriteLock {
  private last: Promise<unknown> = Promise.resolve();

  /** Runs `task` once every task queued before it has settled. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.last.catch(() => undefined).then(task);
    this.last = result.catch(() => undefined);
    return result;
  }
}

/** What a write transaction needs of the store: the writing connection, its queue, the retry bound. */
export interface Writable {
  dataSource: DataSource;
  writeLock: WriteLock;
  busyRetryMs: number;
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
  store: Writable,
  work: (manager: EntityManager, tx: WriteTx) => Promise<T>,
  options: { changesData?: boolean } = {},
): Promise<T> {
  const changesData = options.changesData ?? true;
  return store.writeLock.run(() =>
    retryWhileBusy(async () => {
      const hooks: (() => void)[] = [];
      const value = await store.dataSource.transaction(async (manager) => {
        hooks.length = 0;
        const result = await work(manager, { onCommit: (hook) => hooks.push(hook) });
        if (changesData) await manager.query('UPDATE data_version SET version = version + 1 WHERE id = 1');
        return result;
      });
      hooks.forEach((hook) => hook());
      return value;
    }, store.busyRetryMs),
  );
}
