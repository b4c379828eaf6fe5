import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import winston from 'winston';
import { createCollector } from '../src/collector/collector';
import { loadCorpus } from '../src/collector/sources/corpus';
import { createXApiSource } from '../src/collector/sources/x-api/source';
import { DEFAULT_TAGS } from '../src/config';
import { closeDatabase, openDatabase } from '../src/database';
import { createMetrics } from '../src/observability/metrics';
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
  const dataSource = await openDatabase(join(dir, 'bench.db'));
  const logger = winston.createLogger({ silent: true });
  const metrics = createMetrics();
  const source = createXApiSource({
    bearerToken: 'bench',
    baseUrl: emulator.url,
    timeoutMs: 30_000,
    maxWaitSeconds: 60,
    logger,
    metrics,
  });
  const collector = createCollector({
    dataSource,
    source,
    logger,
    metrics,
    tags: DEFAULT_TAGS,
    tweetsPerTag: 100,
    concurrency,
  });

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
  await closeDatabase(dataSource);
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
  if (summary.outcome !== 'success') process.exitCode = 1;
}

void main();
