import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config';
import { storeBatch } from '../src/repositories/post-writer';
import { createService } from '../src/service';

/**
 * The app in its own process for bench/live.ts: it listens, then on `{ rate, seconds }` from the parent
 * stores `rate` posts a second (a batch every 20 ms or so), each post's text carrying the time it was stored,
 * and reports its peak RSS.
 */
async function main(): Promise<void> {
  const config = loadConfig({
    DATABASE_PATH: process.argv[2]!,
    HOST: '127.0.0.1',
    PORT: '0',
    TWEET_SOURCE: 'sample',
    LOG_LEVEL: 'warn',
    ADMIN_TOKEN: 'bench-admin-token-0123456789',
    LIVE_MAX_CLIENTS: '2000',
  });
  const service = await createService({
    config,
    source: { name: 'sample', async *pages() {} },
  });
  const server = await service.start();
  let peakRss = process.memoryUsage().rss;
  setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100).unref();
  process.send!({ port: (server.address() as AddressInfo).port });

  process.on('message', (message: { rate: number; seconds: number }) => void publish(message));
  async function publish(message: { rate: number; seconds: number }): Promise<void> {
    const started = Date.now();
    const end = started + message.seconds * 1000;
    let next = 1_000_000_000_000;
    const author = { id: '42', name: 'Bench', username: 'bench', followersCount: 1, location: null };
    while (Date.now() < end) {
      // What the rate owes by now: a late tick (a busy machine) stores more, so the rate holds.
      const owed = Math.round(((Date.now() - started) / 1000) * message.rate) - (next - 1_000_000_000_000);
      const posts = Array.from({ length: Math.max(0, owed) }, () => ({
        id: String(++next),
        text: `t=${Date.now()}`,
        authorId: '42',
        createdAt: new Date().toISOString(),
        lang: 'en',
        country: null,
      }));
      if (posts.length > 0) await storeBatch(service.dataSource, '#bench', { posts, authors: [author] });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    process.send!({ done: true, peakRssMb: peakRss / 2 ** 20, stored: next - 1_000_000_000_000 });
  }
  process.on('disconnect', () => void service.stop().then(() => process.exit(0)));
}

void main();
