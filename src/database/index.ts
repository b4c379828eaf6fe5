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

interface Connections {
  dialect: Dialect;
  reader: DataSource;
  busyRetryMs: number;
  sizeBytes(): Promise<number>;
}

const connections = new WeakMap<DataSource, Connections>();

/**
 * Opens the database the settings name and brings its schema up to date. A string is a SQLite path
 * (the tests' and scripts' shorthand).
 */
export async function openDatabase(settings: DatabaseSettings | string): Promise<DataSource> {
  const {
    path,
    postgres,
    busyRetryMs = 10_000,
    onConnectRetry,
  }: DatabaseSettings = typeof settings === 'string' ? { path: settings } : settings;
  if (postgres) {
    const dataSource = await openPostgres(postgres, onConnectRetry);
    connections.set(dataSource, {
      dialect: 'postgres',
      reader: dataSource,
      busyRetryMs,
      sizeBytes: () => postgresSizeBytes(dataSource),
    });
    return dataSource;
  }
  const { writer, reader } = await openSqlite(path);
  connections.set(writer, {
    dialect: 'sqlite',
    reader,
    busyRetryMs,
    sizeBytes: () => Promise.resolve(sqliteSizeBytes(path)),
  });
  return writer;
}

export function dialectOf(dataSource: DataSource): Dialect {
  return (
    connections.get(dataSource)?.dialect ?? (dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite')
  );
}

/** The connection reads go to: SQLite's read-only one (it never waits for the writer), else the pool. */
export function readerOf(dataSource: DataSource): DataSource {
  return connections.get(dataSource)?.reader ?? dataSource;
}

export function busyRetryMsOf(dataSource: DataSource): number {
  return connections.get(dataSource)?.busyRetryMs ?? 10_000;
}

/** Bytes on disk: SQLite's file and WAL, or PostgreSQL's pg_database_size. */
export function databaseSizeBytes(dataSource: DataSource): Promise<number> {
  return connections.get(dataSource)?.sizeBytes() ?? Promise.resolve(0);
}

/** A round trip on every connection (SQLite's writer and reader, or the pool), for readiness. */
export async function pingDatabase(dataSource: DataSource): Promise<void> {
  await dataSource.query('SELECT 1');
  const reader = readerOf(dataSource);
  if (reader !== dataSource) await reader.query('SELECT 1');
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

export async function closeDatabase(dataSource: DataSource): Promise<void> {
  const reader = connections.get(dataSource)?.reader;
  if (reader && reader !== dataSource && reader.isInitialized) await reader.destroy();
  if (dataSource.isInitialized) await dataSource.destroy();
}
