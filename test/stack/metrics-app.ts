import { join } from 'node:path';
import { loadCorpus } from '../../src/collector/sources/corpus';
import { createXApiSource } from '../../src/collector/sources/x-api/source';
import { startEmulator, type Emulator } from '../../emulator/server';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app';

/** The app collecting from the emulator, after traffic of every kind: every metric has its series. */
export async function appWithTraffic(): Promise<{ app: TestApp; emulator: Emulator; traffic(): Promise<void>; close(): Promise<void> }> {
  const emulator = await startEmulator({ corpus: loadCorpus(join(__dirname, '..', '..', 'data/sample/synthetic-recent-search.json')), port: 0 });
  const app = await buildTestApp({
    env: { TAGS: '#devops,#sre', TWEET_SOURCE: 'x-api', TWITTER_BEARER_TOKEN: 'tok', TWITTER_API_BASE_URL: emulator.url, COLLECT_INTERVAL_MINUTES: '15' },
    source: ({ config, logger, metrics }) => createXApiSource({ ...config.xApi, maxWaitSeconds: 1, logger, metrics }),
  });
  const traffic = async () => {
    await app.api.get('/tweets').expect(200);
    await app.api.get('/tweets_per_hour?tz=Europe/Lisbon').expect(200);
    await app.api.get('/tweets?limit=0').expect(400);
    await app.api.get('/no/such/path').expect(404);
  };
  await app.api.get('/database').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
  await traffic();
  // Enough garbage for a collection, so the GC histogram has its series.
  for (let round = 0; round < 30; round++) Array.from({ length: 200_000 }, (_, i) => ({ i }));
  await new Promise((resolve) => setTimeout(resolve, 50));
  return {
    app,
    emulator,
    traffic,
    async close() {
      await app.close();
      await emulator.close();
    },
  };
}

/** Series of a Prometheus text exposition: metric name to the label names seen on it. */
export function exposedMetrics(text: string): Map<string, Set<string>> {
  const metrics = new Map<string, Set<string>>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([^}]*)\})? /.exec(line);
    if (!match) continue;
    const labels = metrics.get(match[1]!) ?? new Set<string>();
    for (const label of (match[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="/g)) labels.add(label[1]!);
    metrics.set(match[1]!, labels);
  }
  return metrics;
}
