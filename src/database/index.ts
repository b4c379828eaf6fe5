import type { DataSource } from 'typeorm';
import {
  isConnectionError,
  isPostgresConflict,
  openPostgres,
  postgresSizeBytes,
  type ConnectRetryListener,
  type PostgresSettings,
} from './postgres';
import { isSqliteBusy, openSqlite, sqliteSizeBytes } from './sqlite';

export { DatabaseUnreachableError } from './postgres';

export type Dialect = 'sqlite' | 'postgres';

/** SQLite at `path` unless `postgres` is given (DATABASE_URL). */
export interface DatabaseSettings {
  path: string;
  postgres?: PostgresSettings;
  /** how long a write transaction is retried while another writer holds a lock it needs */
  busyRetryMs?: number;
  onConnectRetry?: ConnectRetryListener;
}

/** An open database: the connections it is reached by, and what differs between the drivers. */
export interface Database {
  /** the writing connection: SQLite's one connection, or PostgreSQL's pool */
  dataSource: DataSource;
  /** the connection reads go to: SQLite's read-only one (it never waits for the writer), else the pool */
  reader: DataSource;
  dialect: Dialect;
  /** how long a transaction that lost a race with another writer is tried again */
  busyRetryMs: number;
  /** Bytes on disk: SQLite's file and WAL, or PostgreSQL's pg_database_size. */
  sizeBytes(): Promise<number>;
  /** A round trip on every connection (SQLite's writer and reader, or the pool), for readiness. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the database the settings name and brings its schema up to date. A string is a SQLite path
 * (the tests' and scripts' shorthand).
 */
export async function openDatabase(settings: DatabaseSettings | string): Promise<Database> {
  const {
    path,
    postgres,
    busyRetryMs = 10_000,
    onConnectRetry,
  }: DatabaseSettings = typeof settings === 'string' ? { path: settings } : settings;
  if (postgres) {
    const dataSource = await openPostgres(postgres, onConnectRetry);
    return database('postgres', dataSource, dataSource, busyRetryMs, () => postgresSizeBytes(dataSource));
  }
  const { writer, reader } = await openSqlite(path);
  return database('sqlite', writer, reader, busyRetryMs, () => Promise.resolve(sqliteSizeBytes(path)));
}

function database(
  dialect: Dialect,
  dataSource: DataSource,
  reader: DataSource,
  busyRetryMs: number,
  sizeBytes: () => Promise<number>,
): Database {
  return {
    dataSource,
    reader,
    dialect,
    busyRetryMs,
    sizeBytes,
    async ping() {
      await dataSource.query('SELECT 1');
      if (reader !== dataSource) await reader.query('SELECT 1');
    },
    async close() {
      if (reader !== dataSource && reader.isInitialized) await reader.destroy();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/** The dialect of a connection, from its options (a transaction's `manager.connection` included). */
export function dialectOf(dataSource: DataSource): Dialect {
  return dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
}

/**
 * The transaction lost a race with another writer and was rolled back: SQLite's lock was held
 * (SQLITE_BUSY*), or PostgreSQL chose it as a deadlock victim or failed its serialization.
 * Running it again is safe and will succeed once the other writer is done.
 */
export function isWriteConflict(error: unknown): boolean {
  const { code, driverError } = (error ?? {}) as { code?: unknown; driverError?: { code?: unknown } };
  const found = driverError?.code ?? code;
  return typeof found === 'string' && (isSqliteBusy(found) || isPostgresConflict(found));
}

/** The database cannot be reached (PostgreSQL down or the network cut); SQLite never is. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return isConnectionError(error);
}
