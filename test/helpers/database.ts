import { afterAll } from '@jest/globals';
import type { DatabaseSettings, Dialect } from '../../src/database';
import { createScratchDatabase, postgresSettings, runOn } from '../../scripts/scratch-postgres';

/**
 * Which database this Jest project runs the component tests on: `npm test` runs them on SQLite and
 * again on PostgreSQL (jest.config.js sets TEST_DATABASE for the second project).
 */
export const TEST_DIALECT: Dialect = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

/**
 * One scratch database per test file (creating and dropping one costs seconds: a checkpoint each), and
 * in it one schema per database path the file uses: a connection URL whose `options` set the
 * search_path puts every table, the migrations' included, in that schema.
 */
let fileDatabase: Promise<{ url: string; drop(): Promise<void> }> | undefined;
const schemas = new Map<string, Promise<{ url: string }>>();

function postgresFor(path: string): Promise<{ url: string }> {
  let schema = schemas.get(path);
  if (!schema) {
    const name = `s${schemas.size + 1}`;
    schema = (fileDatabase ??= createScratchDatabase('t')).then(async ({ url }) => {
      await runOn(url, `CREATE SCHEMA ${name}`);
      const withPath = new URL(url);
      withPath.searchParams.set('options', `-c search_path=${name}`);
      return { url: withPath.toString() };
    });
    schemas.set(path, schema);
  }
  return schema;
}

if (TEST_DIALECT === 'postgres') {
  afterAll(async () => {
    const database = fileDatabase;
    fileDatabase = undefined;
    schemas.clear();
    await (await database)?.drop();
  }, 60_000);
}

/**
 * The environment of an app under test: on PostgreSQL, DATABASE_URL of the database standing in for
 * its DATABASE_PATH (unless the test set DATABASE_URL itself), with a small pool.
 */
export async function withTestDatabase(env: Record<string, string>): Promise<Record<string, string>> {
  if (TEST_DIALECT !== 'postgres' || env.DATABASE_URL || !env.DATABASE_PATH) return env;
  const { url } = await postgresFor(env.DATABASE_PATH);
  return { DATABASE_POOL_SIZE: '4', ...env, DATABASE_URL: url };
}

/** openDatabase's settings for the database a test knows by its SQLite path. */
export async function testDatabaseSettings(path: string): Promise<DatabaseSettings> {
  if (TEST_DIALECT !== 'postgres') return { path };
  const { url } = await postgresFor(path);
  return { path, postgres: { ...postgresSettings(url), poolSize: 4 } };
}
