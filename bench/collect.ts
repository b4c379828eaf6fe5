import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCorpus } from '../src/x/corpus';
import { DEFAULT_TAGS, loadConfig } from '../src/config';
import { createService } from '../src/service';
import { startEmulator } from '../emulator/server';

/**
 * `npm run bench:collect`: one first collection of 10 tags x 100 posts from the emulator with 200 ms
 * of latency per request, through the real client and database; prints wall time and round trips.
 */
async function main(): Promise<void> {
  const latencyMs = Number(process.env.LATENCY_MS ?? 200);
  const concurrency = Number(process.env.COLLECT_CONCURRENCY ?? 3);
  const emulator = await startEmulator({
    corpus: loadCorpus('data/sample/synthetic-recent-search.json'),
    port: 0,
    faults: { latencyMs },
  });
  const dir = mkdtempSync(join(tmpdir(), 'twitter-api-collect-bench-'));
  const service = await createService({
    config: loadConfig({
      DATABASE_PATH: join(dir, 'bench.db'),
      TWEET_SOURCE: 'x-api',
      TWITTER_BEARER_TOKEN: 'bench',
      TWITTER_API_BASE_URL: emulator.url,
      TAGS: DEFAULT_TAGS.join(','),
      TWEETS_PER_TAG: '100',
      COLLECT_CONCURRENCY: String(concurrency),
      LOG_LEVEL: 'error',
    }),
  });
  const { collector } = service;

  const started = performance.now();
  const summary = await collector.run('cli');
  const seconds = (performance.now() - started) / 1000;

  const roundTrips = emulator.requests.filter((request) => request.path === '/2/tweets/search/recent').length;
  const stored = summary.tags.reduce((sum, tag) => sum + tag.returned, 0);
  process.stdout.write(
    `collected ${stored} posts for ${summary.tags.length} tags (${summary.outcome}) in ${seconds.toFixed(2)} s: ` +
      `${roundTrips} round trips of ${latencyMs} ms, ${concurrency} tags at a time ` +
      `(serial round trips alone would take ${((roundTrips * latencyMs) / 1000).toFixed(1)} s)\n`,
  );
  await service.stop();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
  if (summary.outcome !== 'success') process.exitCode = 1;
}

void main();
