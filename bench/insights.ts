import { chromium, type Page } from 'playwright-core';
import { buildWeb } from '../scripts/build-web';
import { createBenchDatabase } from './database';
import { ingestThroughApp } from './ingest';
import { buildApp, freePort, startServer } from './server';

/**
 * `npm run bench:insights [posts]`: the insights page in Chromium against a database of `posts`
 * synthetic posts (default 1,000,000; 7 days ending 2026-11-20 12:00 UTC, the ten default tags).
 * Measured in the browser with the Performance API (the page's `insights-view` measure): the first
 * view (navigation to every panel drawn) and each filter change (change to every panel drawn).
 * Targets: first view under 1 s, each filter change under 300 ms.
 */
const CHANGES: [string, string][] = [
  ['#filter-tag', '#devops'],
  ['#filter-lang', 'pt'],
  ['#filter-interval', 'hour'],
  ['#filter-tz', 'Asia/Tokyo'],
  ['#filter-tag', '#sre'],
  ['#filter-tag', ''],
];

async function main(): Promise<void> {
  const posts = Number(process.argv[2] ?? 1_000_000);
  const database = await createBenchDatabase('sqlite');
  const store = await database.open();
  process.stderr.write(`ingesting ${posts} posts...\n`);
  const ingest = await ingestThroughApp(store, posts);
  await store.close();
  process.stderr.write(`ingested in ${ingest.seconds.toFixed(1)} s; building...\n`);
  buildApp();
  await buildWeb();
  const server = await startServer(database.serverEnv, await freePort());
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/insights?from=2026-11-13&to=2026-11-21&tz=UTC`);
    const firstView = await nextView(page, 0);
    const changes: Record<string, number> = {};
    for (const [control, value] of CHANGES) {
      const seen = await views(page);
      await page.selectOption(control, value);
      changes[`${control}=${value || '(all)'}`] = await nextView(page, seen);
    }
    const slowest = Math.max(...Object.values(changes));
    process.stdout.write(
      `${JSON.stringify({ posts, firstViewMs: firstView, changesMs: changes, slowestChangeMs: slowest }, null, 2)}\n`,
    );
  } finally {
    await browser.close();
    await server.stop();
    await database.dispose();
  }
}

const views = (page: Page) => page.evaluate<number>("performance.getEntriesByName('insights-view').length");

/** Waits for the page's next `insights-view` measure after `seen` of them; answers its duration in ms. */
async function nextView(page: Page, seen: number): Promise<number> {
  const deadline = Date.now() + 30_000;
  while ((await views(page)) <= seen) {
    if (Date.now() > deadline) throw new Error('the insights page did not finish drawing within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Math.round(
    await page.evaluate<number>(`performance.getEntriesByName('insights-view')[${seen}].duration`),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
