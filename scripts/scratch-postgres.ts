import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { PostgresSettings } from '../src/database/postgres';

/** The server the scripts and tests create their scratch databases on: trust auth on our machines. */
export const ADMIN_POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ??
  process.env.MIGRATION_POSTGRES_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

export function postgresSettings(url: string): PostgresSettings {
  return { url, poolSize: 5, statementTimeoutMs: 30_000, sslMode: 'disable', connectRetryMs: 0 };
}

/** Creates an empty database with a unique name; returns its URL and a function that drops it. */
export async function createScratchDatabase(
  prefix: string,
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`.toLowerCase();
  await onAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () =>
      onAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export async function withScratchPostgres<T>(work: (settings: PostgresSettings) => Promise<T>): Promise<T> {
  const scratch = await createScratchDatabase('migration');
  try {
    return await work(postgresSettings(scratch.url));
  } finally {
    await scratch.drop();
  }
}

/** Runs one statement on the database at `url`, on a connection of its own. */
export async function runOn(url: string, sql: string): Promise<void> {
  await onAdmin((client) => client.query(sql), url);
}

async function onAdmin<T>(work: (client: Client) => Promise<T>, url = ADMIN_POSTGRES_URL): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
