import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadCorpus } from '../../src/x/corpus';
import { startEmulator } from '../../emulator/server';
import { startFakeLogstash, type FakeLogstash } from '../helpers/fake-logstash';
import { freePort } from '../helpers/ports';
import { startMain, type MainProcess } from '../helpers/main-process';
import { until } from '../helpers/until';

const root = join(__dirname, '..', '..');
const ADMIN = 'process-test-admin-token-0123';

describe('the service as a process', () => {
  let app: MainProcess | undefined;
  let logstash: FakeLogstash | undefined;
  afterEach(async () => {
    app?.cleanup();
    await logstash?.stop();
    app = undefined;
    logstash = undefined;
  });

  test('when a variable is invalid, then it exits 1 with one line naming it', () => {
    const result = spawnSync(join(root, 'node_modules/.bin/tsx'), ['src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, PORT: 'abc' },
      encoding: 'utf8',
    });

    expect(result.status).toBe(1);
    expect(result.stderr).toBe('Invalid PORT="abc": expected an integer from 0 to 65535\n');
  });

  test('when started on an empty database without credentials, then it answers at once and fills itself from the sample', async () => {
    app = await startMain();
    await app.ready();

    let tweets: unknown[] = [];
    for (let i = 0; i < 100 && tweets.length < 1000; i++) {
      tweets = ((await (await fetch(`${app.url}/tweets?limit=1000`)).json()) as { tweets: unknown[] }).tweets;
      if (tweets.length < 1000) await new Promise((resolve) => setTimeout(resolve, 100));
    }

    expect(tweets).toHaveLength(1000);
    expect(app.stderr()).toMatch(
      /^ADMIN_TOKEN is not set; \/database accepts this generated token until restart: \S{20,}\n$/,
    );
    const token = app.stderr().trim().split(' ').at(-1)!;
    expect(JSON.stringify(app.lines)).not.toContain(token);
    expect(await app.signal('SIGTERM')).toBe(0);
  });

  test('when SIGTERM arrives during a request, then the request completes, every line reaches Logstash, and it exits 0', async () => {
    const emulator = await startEmulator({
      corpus: loadCorpus(join(root, 'data/sample/synthetic-recent-search.json')),
      port: 0,
      faults: { latencyMs: 800 },
    });
    logstash = await startFakeLogstash();
    app = await startMain({
      ADMIN_TOKEN: ADMIN,
      TWEET_SOURCE: 'x-api',
      TWITTER_BEARER_TOKEN: 'any-token',
      TWITTER_API_BASE_URL: emulator.url,
      TAGS: '#devops',
      LOGSTASH_HOST: '127.0.0.1',
      LOGSTASH_PORT: String(logstash.port),
    });
    await app.ready();
    await logstash.waitFor(
      (lines) => lines.some((line) => line['event.action'] === 'collection.end'),
      10_000,
    );
    for (let i = 0; i < 20; i++) await fetch(`${app.url}/tweets_per_hour`);
    expect(await (await fetch(`${app.url}/metrics`)).text()).toMatch(/^twitterapi_logstash_connected 1$/m);

    const searched = emulator.requests.length;
    const inFlight = fetch(`${app.url}/database`, { headers: { Authorization: `Bearer ${ADMIN}` } });
    // The collection it started waits on the emulator's answer when the signal comes.
    await until(() => emulator.requests.length > searched, 'the collection to reach the X API', 10_000);
    const exitCode = app.signal('SIGTERM');
    const response = await inFlight;

    expect(response.status).toBe(200);
    expect(await exitCode).toBe(0);
    const shipped = logstash.lines.filter((line) => line['event.action'] === 'http.request').length;
    expect(shipped).toBe(app.lines.filter((line) => line['event.action'] === 'http.request').length);
    expect(shipped).toBe(21);
    expect(app.lines.length).toBeGreaterThan(21);
    expect(logstash.lines.some((line) => line['event.action'] === 'app.shutdown')).toBe(true);
    await emulator.close();
  });

  test('when Logstash cannot be reached, then the app serves on, and /metrics counts the dropped lines and shows it disconnected', async () => {
    app = await startMain({
      TAGS: '#devops',
      LOGSTASH_HOST: '127.0.0.1',
      LOGSTASH_PORT: String(await freePort()),
      LOGSTASH_QUEUE_LIMIT: '5',
    });
    await app.ready();
    for (let i = 0; i < 30; i++) expect((await fetch(`${app.url}/tweets_per_tag`)).status).toBe(200);

    const metrics = await (await fetch(`${app.url}/metrics`)).text();

    expect(metrics).toMatch(/^twitterapi_logstash_connected 0$/m);
    expect(Number(/^twitterapi_log_lines_dropped_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(
      25,
    );
    expect(app.lines.filter((line) => line['event.action'] === 'http.request').length).toBeGreaterThanOrEqual(
      30,
    );
    expect(await app.signal('SIGTERM')).toBe(0);
  });
});
