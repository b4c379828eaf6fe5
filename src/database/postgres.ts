import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { entities } from '../models';
import { postgresMigrations } from '../models/migrations';

export type SslMode = 'disable' | 'require' | 'verify-full';

export interface PostgresSettings {
  url: string;
  poolSize: number;
  statementTimeoutMs: number;
  sslMode: SslMode;
  /** how long an unreachable server is retried at start before giving up */
  connectRetryMs: number;
}

/** Told of each failed attempt to connect at start, before the next one (the service logs it). */
export type ConnectRetryListener = (attempt: { host: string; reason: string; retryInMs: number }) => void;

/** PostgreSQL could not be reached at start within the configured time; the message names no secret. */
export class DatabaseUnreachableError extends Error {
  constructor(url: string, waitedMs: number, cause: unknown) {
    super(
      `Cannot connect to PostgreSQL at ${describeUrl(url)} (tried for ${Math.round(waitedMs / 1000)} s): ${reasonOf(cause)}`,
    );
    this.name = 'DatabaseUnreachableError';
  }
}

/** host:port/database of a connection URL: never its user or password. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'an unparsable DATABASE_URL';
  }
}

/**
 * Connects (retrying with backoff while the server is unreachable) and migrates. Replicas starting at
 * once take turns through a transaction-scoped advisory lock, so one runs each migration.
 */
export async function openPostgres(
  settings: PostgresSettings,
  onRetry: ConnectRetryListener = () => undefined,
): Promise<DataSource> {
  const started = Date.now();
  for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
    const dataSource = new DataSource(postgresOptions(settings));
    try {
      await dataSource.initialize();
      await migrateOnce(dataSource);
      return dataSource;
    } catch (error) {
      if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
      const waited = Date.now() - started;
      // A database that does not exist will not appear by waiting: the same one line, at once.
      if (isMissingDatabase(error)) throw new DatabaseUnreachableError(settings.url, waited, error);
      if (!isConnectionError(error)) throw error;
      if (waited >= settings.connectRetryMs) throw new DatabaseUnreachableError(settings.url, waited, error);
      const retryInMs = Math.min(delay, settings.connectRetryMs - waited);
      onRetry({ host: describeUrl(settings.url), reason: reasonOf(error), retryInMs });
      await sleep(retryInMs);
    }
  }
}

/** PostgreSQL's invalid_catalog_name: the database named in DATABASE_URL does not exist. */
const isMissingDatabase = (error: unknown): boolean => (error as { code?: unknown }).code === '3D000';

const MIGRATION_LOCK = 0x7477_6170; // "twap": any constant the app alone uses

async function migrateOnce(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

function postgresOptions(settings: PostgresSettings) {
  return {
    type: 'postgres' as const,
    url: settings.url,
    entities,
    migrations: postgresMigrations,
    migrationsRun: false,
    synchronize: false,
    poolSize: settings.poolSize,
    applicationName: 'twitter-api',
    connectTimeoutMS: 5000,
    ssl: sslOptions(settings.sslMode),
    extra: {
      statement_timeout: settings.statementTimeoutMs,
      // A transaction left open by a stuck request cannot hold row locks for ever.
      idle_in_transaction_session_timeout: Math.max(settings.statementTimeoutMs * 2, 10_000),
    },
  };
}

function sslOptions(mode: SslMode): false | { rejectUnauthorized: boolean } {
  if (mode === 'disable') return false;
  return { rejectUnauthorized: mode === 'verify-full' };
}

export async function postgresSizeBytes(dataSource: DataSource): Promise<number> {
  const [row] = await dataSource.query<{ bytes: string }[]>(
    'SELECT pg_database_size(current_database()) AS bytes',
  );
  return Number(row?.bytes ?? 0);
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  // admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections
  '57P01',
  '57P02',
  '57P03',
  '53300',
  // connection_exception class
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

const CONNECTION_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated unexpectedly/i;

/** The server is unreachable or the connection broke: not a fault of the statement itself. */
export function isConnectionError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth += 1) {
    const { code, message, driverError, cause } = current as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true;
    current = driverError ?? cause;
  }
  return false;
}

/** Deadlock or serialization failure: the transaction was rolled back and may simply be run again. */
export function isPostgresConflict(code: string): boolean {
  return code === '40P01' || code === '40001';
}

function reasonOf(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' && message ? message : String(error);
  return typeof code === 'string' && !text.includes(code) ? `${text} (${code})` : text;
}
