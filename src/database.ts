import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { entities } from './models';
import { migrations } from './models/migrations';
import { RetainingDatabase } from './sqlite-driver';

export const IN_MEMORY = ':memory:';

/**
 * How long SQLite itself may wait for another process's lock. better-sqlite3 is synchronous, so this
 * wait blocks the event loop: it stays a few milliseconds, and writes retry asynchronously instead
 * (repositories/busy-retry.ts).
 */
export const BUSY_TIMEOUT_MS = 5;
/** At start only, before requests are served: migrations may wait longer for `npm run collect`. */
const STARTUP_BUSY_TIMEOUT_MS = 5000;

export interface DatabaseOptions {
  /** how long a write transaction is retried while another process holds the write lock */
  busyRetryMs?: number;
}

interface Connections {
  reader: DataSource;
  busyRetryMs: number;
}

const connections = new WeakMap<DataSource, Connections>();

/**
 * Opens SQLite (WAL) and brings its schema up to date through the migrations. Beside the connection
 * that writes, a second, read-only one serves the reads: in WAL mode it sees only committed
 * transactions, so a read never sees a write's uncommitted half (see repositories/read-connection.ts).
 */
export async function openDatabase(databasePath: string, options: DatabaseOptions = {}): Promise<DataSource> {
  if (databasePath !== IN_MEMORY) mkdirSync(dirname(databasePath), { recursive: true });
  const dataSource = new DataSource(sqliteOptions(databasePath, false));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.query(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // An in-memory database exists only on its own connection: it reads there.
  const reader =
    databasePath === IN_MEMORY
      ? dataSource
      : await new DataSource(sqliteOptions(databasePath, true)).initialize();
  connections.set(dataSource, { reader, busyRetryMs: options.busyRetryMs ?? 10_000 });
  return dataSource;
}

function sqliteOptions(databasePath: string, readonly: boolean) {
  return {
    type: 'better-sqlite3' as const,
    driver: RetainingDatabase,
    database: databasePath,
    readonly,
    entities,
    migrations: readonly ? [] : migrations,
    migrationsRun: false,
    synchronize: false,
    enableWAL: !readonly && databasePath !== IN_MEMORY,
    timeout: readonly ? BUSY_TIMEOUT_MS : STARTUP_BUSY_TIMEOUT_MS,
    // Never evicts: the app's SQL texts are a bounded set (chunked VALUES lists of 1..150 rows), and
    // statements are kept anyway (see sqlite-driver.ts).
    statementCacheSize: 5000,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      if (readonly) {
        db.pragma('cache_size = -16000');
        return;
      }
      // New databases only (an existing file keeps its page size). Measured on the ingest path at
      // 200k posts: 8 KiB pages ~31k posts/s, 4 KiB (the default) ~18k, 16 KiB ~25k.
      db.pragma('page_size = 8192');
      db.pragma('synchronous = NORMAL');
      db.pragma('cache_size = -32000');
    },
  };
}

/** The read-only connection of a database opened by openDatabase (itself for any other). */
export function readerOf(dataSource: DataSource): DataSource {
  return connections.get(dataSource)?.reader ?? dataSource;
}

export function busyRetryMsOf(dataSource: DataSource): number {
  return connections.get(dataSource)?.busyRetryMs ?? 10_000;
}

/** The database file plus its WAL, which holds recent writes until a checkpoint. */
export function databaseSizeBytes(databasePath: string): number {
  if (databasePath === IN_MEMORY) return 0;
  return ['', '-wal'].reduce((total, suffix) => {
    try {
      return total + statSync(databasePath + suffix).size;
    } catch {
      return total;
    }
  }, 0);
}

export async function closeDatabase(dataSource: DataSource): Promise<void> {
  const reader = connections.get(dataSource)?.reader;
  if (reader && reader !== dataSource && reader.isInitialized) await reader.destroy();
  if (dataSource.isInitialized) await dataSource.destroy();
}
