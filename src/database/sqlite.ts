import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { entities } from '../models';
import { sqliteMigrations } from '../models/migrations';
import { RetainingDatabase } from '../sqlite-driver';

export const IN_MEMORY = ':memory:';

/**
 * How long SQLite itself may wait for another process's lock. better-sqlite3 is synchronous, so this
 * wait blocks the event loop: it stays a few milliseconds, and writes retry asynchronously instead
 * (repositories/busy-retry.ts).
 */
export const BUSY_TIMEOUT_MS = 5;
/** At start only, before requests are served: migrations may wait longer for `npm run collect`. */
const STARTUP_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens SQLite (WAL) and brings its schema up to date through the migrations. Beside the connection
 * that writes, a second, read-only one serves the reads: in WAL mode it sees only committed
 * transactions, so a read never sees a write's uncommitted half.
 */
export async function openSqlite(databasePath: string): Promise<{ writer: DataSource; reader: DataSource }> {
  if (databasePath !== IN_MEMORY) mkdirSync(dirname(databasePath), { recursive: true });
  const writer = new DataSource(sqliteOptions(databasePath, false));
  await writer.initialize();
  await migrate(writer);
  await writer.query(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // An in-memory database exists only on its own connection: it reads there.
  const reader =
    databasePath === IN_MEMORY
      ? writer
      : await new DataSource(sqliteOptions(databasePath, true)).initialize();
  return { writer, reader };
}

/**
 * Brings the schema up to date. Processes starting together on a new file (replicas, `npm run collect`
 * beside the app) race to create the same tables: the loser's migration is rolled back, and it tries
 * again, finding the work done.
 */
async function migrate(writer: DataSource): Promise<void> {
  const deadline = Date.now() + STARTUP_BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      await writer.runMigrations({ transaction: 'each' });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(50 + Math.random() * 100);
    }
  }
}

function sqliteOptions(databasePath: string, readonly: boolean) {
  return {
    type: 'better-sqlite3' as const,
    driver: RetainingDatabase,
    database: databasePath,
    readonly,
    entities,
    migrations: readonly ? [] : sqliteMigrations,
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

/** The database file plus its WAL, which holds recent writes until a checkpoint. */
export function sqliteSizeBytes(databasePath: string): number {
  if (databasePath === IN_MEMORY) return 0;
  return ['', '-wal'].reduce((total, suffix) => {
    try {
      return total + statSync(databasePath + suffix).size;
    } catch {
      return total;
    }
  }, 0);
}

/** SQLITE_BUSY (and its extended codes such as SQLITE_BUSY_SNAPSHOT): another connection holds the lock. */
export function isSqliteBusy(code: string): boolean {
  return code.startsWith('SQLITE_BUSY');
}
