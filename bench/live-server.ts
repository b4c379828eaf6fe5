import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config';
import { storeBatch } from '../src/repositories/post-writer';
import { createService } from '../src/service';

export type LiveBenchCommand = { burst: number } | { rate: number; seconds: number };

/**
 * The app in its own process for bench/live.ts: it listens, then on `{ burst }` from the parent stores
 * that many posts as a collection does (pages of 1,000 in a row), and on `{ rate, seconds }` stores
 * `rate` posts a second (a batch every 20 ms or so); each post's text carries the time it was stored.
 * Each command answers with the posts stored so far and the peak RSS.
 */
async function main(): Promise<void> {
  const config = loadConfig({
    DATABASE_PATH: process.argv[2]!,
    HOST: '127.0.0.1',
    PORT: '0',
    TWEET_SOURCE: 'sample',
    LOG_LEVEL: 'error',
    ADMIN_TOKEN: 'bench-admin-token-0123456789',
    HTTP_MAX_CONNECTIONS: '2000',
    LIVE_MAX_CLIENTS: '1500',
  });
  const service = await createService({ config, source: { name: 'sample', async *pages() {} } });
  const server = await service.start();
  let peakRss = process.memoryUsage().rss;
  setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100).unref();
  process.send!({
    port: (server.address() as AddressInfo).port,
    maxPerAddress: config.live.maxClientsPerAddress,
  });

  let next = 1_000_000_000_000;
  const author = { id: '42', name: 'Bench', username: 'bench', followersCount: 1, location: null };
  const store = (count: number) => {
    const posts = Array.from({ length: count }, () => ({
      id: String(++next),
      text: `t=${Date.now()}`,
      authorId: '42',
      createdAt: new Date().toISOString(),
      lang: 'en',
      country: null,
    }));
    return storeBatch(service.store, '#bench', { posts, authors: [author] });
  };
  const stored = () => next - 1_000_000_000_000;

  async function burst(count: number): Promise<void> {
    for (let left = count; left > 0; left -= 1000) await store(Math.min(1000, left));
  }
  async function steady(rate: number, seconds: number): Promise<void> {
    const started = Date.now();
    const before = stored();
    while (Date.now() < started + seconds * 1000) {
      // What the rate owes by now: a late tick (a busy machine) stores more, so the rate holds.
      const owed = Math.round(((Date.now() - started) / 1000) * rate) - (stored() - before);
      if (owed > 0) await store(owed);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  process.on('message', (command: LiveBenchCommand) => {
    const done = 'burst' in command ? burst(command.burst) : steady(command.rate, command.seconds);
    void done.then(() => process.send!({ stored: stored(), peakRssMb: peakRss / 2 ** 20 }));
  });
  process.on('disconnect', () => void service.stop().then(() => process.exit(0)));
}

void main();
