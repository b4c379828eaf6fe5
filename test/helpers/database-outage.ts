import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTestApp, type TestApp } from './app';
import { TEST_DIALECT, testDatabaseSettings } from './database';
import { holdWriteLock } from './sqlite-lock';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

/**
 * The database refusing writes for a while: on SQLite another connection holds the write lock (the
 * writer gives up after DATABASE_BUSY_RETRY_MS), on PostgreSQL the connection is cut by a proxy.
 */
export interface Outage {
  env: Record<string, string>;
  begin(): Promise<void>;
  end(): Promise<void>;
  close(): Promise<void>;
}

function sqliteLock(path: string): Outage {
  let lock: { release(): void } | undefined;
  const end = () => Promise.resolve(lock?.release());
  return {
    env: { DATABASE_PATH: path, DATABASE_BUSY_RETRY_MS: '200' },
    begin() {
      lock = holdWriteLock(path);
      return Promise.resolve();
    },
    end,
    close: end,
  };
}

async function postgresCut(path: string): Promise<Outage> {
  const proxy: TcpProxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
  const url = new URL((await testDatabaseSettings(path)).postgres!.url);
  url.port = String(proxy.port);
  return {
    env: { DATABASE_PATH: path, DATABASE_URL: url.toString() },
    begin: () => proxy.cut(),
    end: () => proxy.restore(),
    close: () => proxy.close(),
  };
}

/** The outage of the database the test file runs on, for an app on the database file at `path`. */
const databaseOutage = (path: string): Promise<Outage> =>
  TEST_DIALECT === 'postgres' ? postgresCut(path) : Promise.resolve(sqliteLock(path));

export interface StreamAppWithOutage {
  app: TestApp;
  outage: Outage;
  /** ends the outage, then closes the app, the outage and the database file's folder */
  close(): Promise<void>;
}

/**
 * An app replaying the sample stream on #devops (300 posts/s, 20 ms batches) on a database of its
 * own, and that database's outage; `env` adds to or overrides its settings.
 */
export async function streamAppWithOutage(env: Record<string, string> = {}): Promise<StreamAppWithOutage> {
  const dir = mkdtempSync(join(tmpdir(), 'outage-'));
  const outage = await databaseOutage(join(dir, 'stream.db'));
  const app = await buildTestApp({
    env: { ...outage.env, TAGS: '#devops', STREAM_SAMPLE_RATE: '300', STREAM_BATCH_MS: '20', ...env },
  });
  return {
    app,
    outage,
    async close() {
      await outage.end();
      await app.close();
      await outage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
