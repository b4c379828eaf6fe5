import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config';
import { createService } from '../src/service';
import { startEmulatorProcess } from './emulator-process';
import { load, type LoadResult } from './load';

const ADMIN = 'bench-admin-token-0123456789abcdef';
const RATES = (process.env.RATES ?? '1000,3000,5000,7000').split(',').map(Number);
const SECONDS = Number(process.env.SECONDS ?? 8);
const TRACK = ['#devops', '#sre', '#observability', '#microservices', 'metrics'];

/**
 * `npm run bench:stream`: the emulator (its own process) streams at increasing rates; the app stores
 * them while autocannon loads /tweets_per_tag; prints stored posts/s and the p99 against the idle p99
 * of the same run.
 */
async function main(): Promise<void> {
  const emulator = await startEmulatorProcess();
  const dir = mkdtempSync(join(tmpdir(), 'twitter-api-stream-bench-'));
  const service = await createService({
    config: loadConfig({
      DATABASE_PATH: join(dir, 'bench.db'),
      TWEET_SOURCE: 'x-api',
      TWITTER_BEARER_TOKEN: 'bench',
      TWITTER_API_BASE_URL: emulator.url,
      ADMIN_TOKEN: ADMIN,
      LOG_LEVEL: 'error',
      PORT: '0',
      HOST: '127.0.0.1',
    }),
  });
  const server = await service.start();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = (path: string, body?: unknown) =>
    fetch(base + path, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
  const current = async () =>
    ((await (await fetch(`${base}/statistics`)).json()) as { current: { amount: number; stored: number } })
      .current;
  const perTag = () => load(`${base}/tweets_per_tag`, { seconds: SECONDS, connections: 2 });

  // Some data first, so the idle aggregate is not of an empty database.
  await emulator.setRate(2000);
  await post('/launch', { track: TRACK });
  await sleep(3000);
  await post('/stop');
  const idle = await perTag();
  const rows: string[] = [
    `idle /tweets_per_tag: p50 ${idle.p50Ms} ms, p99 ${idle.p99Ms} ms, ${idle.requestsPerSecond.toFixed(0)} req/s`,
  ];
  for (const rate of RATES) {
    await emulator.setRate(rate);
    await post('/launch', { track: TRACK });
    await sleep(2000);
    const before = { ...(await current()), at: performance.now() };
    const loaded: LoadResult = await perTag();
    const after = { ...(await current()), at: performance.now() };
    await post('/stop');
    const seconds = (after.at - before.at) / 1000;
    rows.push(
      `emulator ${rate}/s: received ${((after.amount - before.amount) / seconds).toFixed(0)}/s, ` +
        `stored ${((after.stored - before.stored) / seconds).toFixed(0)}/s; /tweets_per_tag p99 ${loaded.p99Ms} ms ` +
        `(${(loaded.p99Ms / Math.max(idle.p99Ms, 1)).toFixed(2)}x idle), ${loaded.requestsPerSecond.toFixed(0)} req/s`,
    );
    process.stdout.write(`${rows.at(-1)}\n`);
  }
  process.stdout.write(`\n${rows.join('\n')}\n`);
  await service.stop();
  emulator.process.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
