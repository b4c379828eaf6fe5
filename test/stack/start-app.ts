import { join } from 'node:path';
import type { Faults } from '../../emulator/faults';
import { startEmulator, type Emulator } from '../../emulator/server';
import { loadCorpus } from '../../src/x/corpus';
import { startMain, type MainProcess } from '../helpers/main-process';
import { until } from '../helpers/until';

export const ADMIN_TOKEN = 'stack-test-admin-token-0123456789';

export interface StartedApp {
  url: string;
  /** JSON lines the app wrote to stdout */
  lines: Record<string, unknown>[];
  /** requests of every kind: 200s (one of the largest page), a 400 and a 404 */
  traffic(): Promise<void>;
  metrics(): Promise<string>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** `sample`: the bundled corpus; `emulator`: the X API source against the emulator, so the X API metrics have series */
  source?: 'sample' | 'emulator';
  /** the emulator's faults, from its first request */
  faults?: Faults;
  env?: Record<string, string>;
}

/**
 * `src/main.ts` as its own process, as it runs in the container, after a collection
 * (`GET /database`) and traffic of every kind.
 */
export async function startApp({
  source = 'sample',
  faults = {},
  env = {},
}: StartOptions = {}): Promise<StartedApp> {
  const corpus = join(__dirname, '../../data/sample/synthetic-recent-search.json');
  const emulator =
    source === 'emulator' ? await startEmulator({ corpus: loadCorpus(corpus), port: 0, faults }) : undefined;
  const sourceEnv: Record<string, string> = emulator
    ? {
        TWEET_SOURCE: 'x-api',
        TWITTER_BEARER_TOKEN: 'stack-test-bearer',
        TWITTER_API_BASE_URL: emulator.url,
        TAGS: '#devops,#sre',
        COLLECT_MAX_WAIT_SECONDS: '1',
      }
    : { TWEET_SOURCE: 'sample' };
  const main = await startMain({
    ...sourceEnv,
    ADMIN_TOKEN,
    LOG_LEVEL: 'warn',
    COLLECT_INTERVAL_MINUTES: '5',
    // The image's heap limits, with a smaller young generation: prom-client's GC series exist only
    // after a collection, and Node 24's default young generation can outlast a short test's traffic.
    NODE_OPTIONS: '--max-old-space-size=192 --max-semi-space-size=1',
    ...env,
  });
  const traffic = async () => {
    await expectStatus(main.url, '/tweets', 200);
    await expectStatus(main.url, '/tweets?limit=1000', 200);
    await expectStatus(main.url, '/tweets_per_hour?tz=Europe/Lisbon', 200);
    await expectStatus(main.url, '/tweets?limit=0', 400);
    await expectStatus(main.url, '/no/such/path', 404);
  };
  try {
    await main.ready();
    await expectStatus(main.url, '/database', 200, { authorization: `Bearer ${ADMIN_TOKEN}` });
    await traffic();
    // Traffic until prom-client's GC series exist: they appear only after a collection.
    await until(
      async () => {
        const exported = (await (await expectStatus(main.url, '/metrics', 200)).text()).includes(
          'nodejs_gc_duration_seconds_count{',
        );
        if (!exported) await traffic();
        return exported;
      },
      'nodejs_gc_duration_seconds_count in /metrics',
      20_000,
    );
  } catch (error) {
    await stop(main, emulator);
    throw error;
  }
  return {
    url: main.url,
    lines: main.lines,
    traffic,
    metrics: async () => (await expectStatus(main.url, '/metrics', 200)).text(),
    stop: () => stop(main, emulator),
  };
}

async function expectStatus(
  url: string,
  path: string,
  status: number,
  headers: Record<string, string> = {},
): Promise<Response> {
  const res = await fetch(`${url}${path}`, { headers });
  if (res.status !== status)
    throw new Error(`GET ${path}: ${res.status}, expected ${status}: ${await res.text()}`);
  return res;
}

/** SIGTERM, then SIGKILL if the app has not exited within 10 s, so a test never hangs on it. */
async function stop(main: MainProcess, emulator: Emulator | undefined): Promise<void> {
  const killer = setTimeout(() => main.child.kill('SIGKILL'), 10_000);
  try {
    if (main.child.exitCode === null && main.child.signalCode === null) await main.signal('SIGTERM');
  } finally {
    clearTimeout(killer);
    main.cleanup();
    await emulator?.close();
  }
}
