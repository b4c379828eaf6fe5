import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/server';
import { ADMIN_TOKEN, type TestApp } from '../helpers/app';
import { testDatabaseSettings } from '../helpers/database';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { until } from '../helpers/until';
import { BEARER, buildAppOnEmulator, sampleCorpus } from '../collector/x-api-helpers';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const root = join(__dirname, '..', '..');

/** The URL of this file's scratch database, reached through `proxy` instead of directly. */
async function urlThrough(proxy: TcpProxy, dir: string): Promise<string> {
  const { postgres } = await testDatabaseSettings(join(dir, 'outage.db'));
  const url = new URL(postgres!.url);
  url.port = String(proxy.port);
  return url.toString();
}

describe('PostgreSQL lost and back', () => {
  let dir: string;
  let emulator: Emulator;
  let proxy: TcpProxy;
  let app: TestApp | undefined;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'outage-'));
    emulator = await startEmulator({ corpus: sampleCorpus(), port: 0, bearerToken: BEARER });
    proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
  });
  afterEach(async () => {
    await app?.close();
    await proxy.close();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('when the connection is cut, then readiness and reads answer 503 with Retry-After, the collection fails without a crash, and everything recovers when it returns', async () => {
    app = await buildAppOnEmulator(emulator.url, {
      TAGS: '#devops,#sre',
      COLLECT_CONCURRENCY: '1',
      DATABASE_URL: await urlThrough(proxy, dir),
    });
    await app.api.get('/database').set(auth).expect(200);
    const before = (await app.api.get('/tweets?limit=1000').expect(200)).body.tweets;
    expect(before).toHaveLength(200);

    await proxy.cut();
    const ready = await app.api.get('/readyz').expect(503);
    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    await app.api.get('/healthz').expect(200);
    const read = await app.api.get('/tweets?limit=7').expect(503);
    expect(read.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(read.headers['retry-after']).toBe('5');
    expect(read.body.detail).toBe('the database is unreachable; try again shortly');
    expect((await app.api.get('/metrics').expect(200)).text).toMatch(/^twitterapi_database_up 0$/m);
    const during = await app.api.get('/database').set(auth);
    expect([502, 503]).toContain(during.status);
    expect(during.headers['content-type']).toMatch(/^application\/(problem\+)?json/);

    await proxy.restore();
    await until(async () => (await app!.api.get('/readyz')).status === 200, 'ready again', 10_000);
    expect((await app.api.get('/tweets?limit=1000').expect(200)).body.tweets).toEqual(before);
    expect((await app.api.get('/metrics').expect(200)).text).toMatch(/^twitterapi_database_up 1$/m);
    const again = await app.api.get('/database').set(auth).expect(200);
    expect(again.body.failed_tags).toEqual([]);
    expect((await app.api.get('/tweets?limit=1000').expect(200)).body.tweets).toEqual(before);
  });

  test('when PostgreSQL cannot be reached at start, then the process retries, then exits 1 with one line naming the host and never the password', async () => {
    await proxy.cut();
    const url = new URL(await urlThrough(proxy, dir));
    url.username = 'collector';
    url.password = 'pg-secret-password-123';
    const result = spawnSync(join(root, 'node_modules/.bin/tsx'), ['src/main.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        DATABASE_URL: url.toString(),
        DATABASE_CONNECT_RETRY_MS: '1500',
        LOG_FORMAT: 'json',
      },
      encoding: 'utf8',
      timeout: 20_000,
    });

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^Cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${proxy.port}${url.pathname} \\(tried for [12] s\\): .*ECONNREFUSED.*\\n$`,
      ),
    );
    const retries = result.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line['event.action'] === 'database.connect_retry');
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(result.stdout + result.stderr).not.toContain('pg-secret-password-123');
  });

  test('when DATABASE_URL names a database that does not exist, then the process exits 1 at once with one line naming it', async () => {
    const url = new URL((await testDatabaseSettings(join(dir, 'outage.db'))).postgres!.url);
    url.pathname = '/no_such_database_here';
    const result = spawnSync(join(root, 'node_modules/.bin/tsx'), ['src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, PORT: '0', DATABASE_URL: url.toString(), LOG_FORMAT: 'json' },
      encoding: 'utf8',
      timeout: 20_000,
    });

    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `Cannot connect to PostgreSQL at ${url.hostname}:${url.port || '5432'}/no_such_database_here (tried for 0 s): database "no_such_database_here" does not exist (3D000)\n`,
    );
  });
});
