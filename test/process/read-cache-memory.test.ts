import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/service';
import { syntheticPages } from '../../bench/synthetic';
import { startMainForMemory, type MeasuredProcess } from '../helpers/main-process';
import { seed } from '../helpers/seed';

const BUDGET = 32 * 1024 * 1024;

/** The largest answers anonymous clients can ask for, each a distinct cache key: 1,256 requests. */
const SEQUENCE = [
  ...Array.from({ length: 256 }, (_, i) => `/tweets?limit=${745 + i}`),
  ...Array.from({ length: 1000 }, (_, i) => `/tweets?order_by_followers_desc=${i + 1}`),
];

async function memoryOf(url: string): Promise<{ heap: number; external: number; cached: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) =>
    Number(
      text
        .split('\n')
        .find((line) => line.startsWith(`${name} `))!
        .split(' ')[1],
    );
  return {
    heap: value('nodejs_heap_size_used_bytes'),
    external: value('nodejs_external_memory_bytes'),
    cached: value('twitterapi_read_cache_bytes'),
  };
}

describe('memory of the read cache in a process with the image heap limits', () => {
  let dir: string;
  let app: MeasuredProcess | undefined;
  afterEach(async () => {
    if (app?.child.exitCode === null) await app.signal('SIGTERM');
    app?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  test('when anonymous clients ask for 1,256 distinct large answers on 5,000 posts, then the process stays up and its memory stays within READ_CACHE_MAX_BYTES over its idle baseline', async () => {
    dir = mkdtempSync(join(tmpdir(), 'twitter-api-heap-'));
    const databasePath = join(dir, 'heap.db');
    const store = await openStore(databasePath);
    for (const { tag, page } of syntheticPages(5_000, { seed: 13 })) await seed(store, tag, page);
    await store.close();
    app = await startMainForMemory({ DATABASE_PATH: databasePath, LOG_LEVEL: 'warn' });
    await app.ready(60_000);
    for (const path of ['/tweets', '/tweets?order_by_followers_desc=1', '/tweets_per_hour']) {
      await (await fetch(`${app.url}${path}`)).arrayBuffer();
    }
    const collected = async () => {
      await app!.collectGarbage();
      return memoryOf(app!.url);
    };
    const idle = await collected();

    const statuses = new Map<number, number>();
    const queue = [...SEQUENCE];
    const worker = async () => {
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        const res = await fetch(`${app!.url}${path}`);
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    // What stays once V8 has collected the garbage of the answers: bodies live outside the heap
    // (Buffers), and an evicted one is freed only at a full collection, which an idle process may
    // never run by itself. A tenth of the budget is left for what the collection cannot free at once.
    const bound = idle.heap + idle.external + BUDGET * 1.1;
    let after = await collected();
    for (let i = 0; i < 5 && after.heap + after.external > bound; i++) after = await collected();

    process.stderr.write(
      `read cache memory: idle heap ${(idle.heap / 2 ** 20).toFixed(1)} MiB + external ${(idle.external / 2 ** 20).toFixed(1)} MiB; after ${SEQUENCE.length} requests heap ${(after.heap / 2 ** 20).toFixed(1)} MiB + external ${(after.external / 2 ** 20).toFixed(1)} MiB, cache ${(after.cached / 2 ** 20).toFixed(1)} MiB\n`,
    );
    expect(app.child.exitCode).toBeNull();
    expect(Object.fromEntries(statuses)).toEqual({ 200: SEQUENCE.length });
    expect(after.cached).toBeLessThanOrEqual(BUDGET);
    expect(after.heap).toBeLessThanOrEqual(idle.heap + BUDGET);
    expect(after.heap + after.external).toBeLessThanOrEqual(bound);
  }, 180_000);
});
