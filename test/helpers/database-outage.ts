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
export const databaseOutage = (path: string): Promise<Outage> =>
  TEST_DIALECT === 'postgres' ? postgresCut(path) : Promise.resolve(sqliteLock(path));
