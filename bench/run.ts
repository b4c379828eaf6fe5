import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type openDatabase } from '../src/database';
import { encodeCursor } from '../src/resources/tweets/cursor';
import { query } from '../src/repositories/sql';
import { createBenchDatabase, RAW_LABELS, type BenchDialect } from './database';
import { ingestThroughApp, normaliseWithoutResolution, type IngestResult } from './ingest';
import { measureLevel, type Target } from './level';
import { measureOverhead, overheadTable, type OverheadOptions } from './overhead';
import { printReport } from './report';
import { buildApp, freePort, startBareServer, startServer } from './server';
import type { LevelResult, SizeResult } from './types';
import { wrkAvailable } from './wrk';

const USAGE = `npm run bench -- [options]
  --posts N          posts in the large database (default 1000000; a 1,000-post one is measured too)
  --seconds S        seconds per load (default 10)
  --connections A,B  numbers of connections, each measured in turn (default 16,64)
  --rounds R         bare Express and app /healthz alternately R times per level (default 3)
  --db sqlite|postgres  the database (default sqlite); postgres: a scratch database per size on
                     TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test), dropped at the end
  --smoke            CI's run, that every part of the benchmark works: 10,000 posts, 1 s per load at 16
                     connections, 1 round
  --overhead         only what the app adds to an answer: /healthz, /tweets_per_tag and
                     /tweets?limit=100 (1,000 posts, cached) against bare Express 5 and bare
                     node:http sending the same bodies, each in turn --rounds times
  --client autocannon|wrk  the load generator (default autocannon; wrk must be on PATH)
  --out FILE         the results JSON (default bench/results/latest.json, with --overhead
                     bench/results/overhead-latest.json)
`;
const { values: args } = parseArgs({
  options: {
    posts: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16,64' },
    rounds: { type: 'string', default: '3' },
    db: { type: 'string', default: 'sqlite' },
    smoke: { type: 'boolean', default: false },
    overhead: { type: 'boolean', default: false },
    client: { type: 'string', default: 'autocannon' },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (args.db !== 'sqlite' && args.db !== 'postgres') {
  process.stderr.write(`--db must be sqlite or postgres, not ${args.db}\n${USAGE}`);
  process.exit(2);
}
if (args.client !== 'autocannon' && args.client !== 'wrk') {
  process.stderr.write(`--client must be autocannon or wrk, not ${args.client}\n${USAGE}`);
  process.exit(2);
}
if (args.client === 'wrk' && !wrkAvailable()) {
  process.stderr.write('--client wrk: wrk is not on PATH (apt-get install wrk)\n');
  process.exit(2);
}
const dialect: BenchDialect = args.db;
const big = args.smoke ? 10_000 : Number(args.posts);
const seconds = args.smoke ? 1 : Number(args.seconds);
const connectionLevels = args.smoke ? [16] : args.connections.split(',').map(Number);
const rounds = args.smoke ? 1 : Number(args.rounds);

const ENDPOINTS = [
  '/healthz',
  '/tweets?limit=100',
  '/tweets?limit=100&cursor=DEEP',
  '/tweets?limit=100&cursor=<1000 different>',
  '/tweets?limit=100&lang=zz',
  '/tweets?limit=100&tag=%23devops&lang=en',
  '/tweets?limit=100&lang=<1000 different>',
  '/tweets?limit=100&tag=%23devops&lang=en&cursor=<1000 different>',
  '/tweets?order_by_followers_desc=10',
  '/tweets_per_hour',
  '/tweets_per_hour?tz=America/Sao_Paulo',
  '/tweets_per_tag',
  '/tweets_per_country',
  '/tweets_per_language',
  '/tweets_per_language?tag=%23devops',
  '/tweets_over_time?interval=day&from=2026-11-01&to=2026-12-01&tz=Asia/Kathmandu',
  '/tweets_over_time?interval=hour&from=2026-11-13&to=2026-11-21&tag=%23devops',
  '/tweets?limit=100&q=<1000 different>',
];

async function measure(posts: number, withBaseline: boolean): Promise<SizeResult> {
  const database = await createBenchDatabase(dialect);
  try {
    const store = await database.open();
    process.stderr.write(`ingesting ${posts} posts into ${dialect} through the app's path...\n`);
    const ingest = await ingestThroughApp(store, posts);
    await database.settle(store);
    const deepCursor = await cursorHalfway(store);
    const spread = await cursorsSpread(store, 1000);
    await store.close();
    let rawIngest: IngestResult | undefined;
    let unresolvedIngest: IngestResult | undefined;
    if (withBaseline) {
      process.stderr.write(`ingesting ${posts} posts through the app's path without country resolution...\n`);
      unresolvedIngest = await database.withSpare((spare) =>
        ingestThroughApp(spare, posts, normaliseWithoutResolution),
      );
      process.stderr.write(`ingesting ${posts} posts with ${database.rawLabel}...\n`);
      rawIngest = await database.ingestRaw(posts);
    }
    const targets: Record<string, Target> = Object.fromEntries(
      ENDPOINTS.map((endpoint) => [
        endpoint,
        { path: endpoint.replace('DEEP', deepCursor), paths: variants(endpoint, spread) },
      ]),
    );
    const server = await startServer(database.serverEnv, await freePort());
    const bare = await startBareServer(await freePort());
    const levels: LevelResult[] = [];
    for (const connections of connectionLevels) {
      const urls = { app: server.url, bare: bare.url };
      levels.push(await measureLevel(urls, targets, { connections, seconds, rounds }));
    }
    const peakRssMb = server.peakRssMb();
    await Promise.all([server.stop(), bare.stop()]);
    return { posts, ingest, rawIngest, unresolvedIngest, levels, peakRssMb };
  } finally {
    await database.dispose();
  }
}

/**
 * 1,000 variants of an endpoint, each a different cache key: cursors at random places, languages
 * without posts (ISO 639's private-use `qaa` with a region-like suffix: qaa-n000 to qaa-n999), or a
 * selective search: a post's number, a word one synthetic post has.
 */
function variants(endpoint: string, cursors: string[]): string[] | undefined {
  if (!endpoint.includes('<1000 different>')) return undefined;
  const numbered = (format: (i: number) => string) => Array.from({ length: 1000 }, (_, i) => format(i));
  const values = endpoint.includes('cursor=<')
    ? cursors
    : endpoint.includes('q=<')
      ? numbered((i) => String(i * 997))
      : numbered((i) => `qaa-n${String(i).padStart(3, '0')}`);
  return values.map((value) => endpoint.replace('<1000 different>', value));
}

/** The cursor of the entry halfway down /tweets: the deepest page a client would plausibly reach. */
async function cursorHalfway(store: Awaited<ReturnType<typeof openDatabase>>): Promise<string> {
  const [{ total }] = (await query<{ total: number }>(
    store.dataSource.manager,
    'SELECT COUNT(*) AS total FROM post_tags',
  )) as [{ total: number }];
  const [row] = await query<{ created_at: string; post_id: string; tag: string }>(
    store.dataSource.manager,
    'SELECT created_at, post_id, tag FROM post_tags ORDER BY created_at DESC, post_id DESC, tag DESC LIMIT 1 OFFSET :offset',
    { offset: Math.floor(Number(total) / 2) },
  );
  return encodeCursor({ createdAt: row!.created_at, postId: row!.post_id, tag: row!.tag });
}

/** Cursors at random places in /tweets: pages no cache of the last few hundred answers holds. */
async function cursorsSpread(
  store: Awaited<ReturnType<typeof openDatabase>>,
  count: number,
): Promise<string[]> {
  const rows = await query<{ created_at: string; post_id: string; tag: string }>(
    store.dataSource.manager,
    'SELECT created_at, post_id, tag FROM post_tags ORDER BY random() LIMIT :count',
    { count },
  );
  return rows.map((row) => encodeCursor({ createdAt: row.created_at, postId: row.post_id, tag: row.tag }));
}

async function main(): Promise<void> {
  buildApp();
  const small = await measure(1_000, false);
  const large = await measure(big, true);
  const report = printReport(small, large, { seconds, rounds, dialect, rawLabel: RAW_LABELS[dialect] });
  const run = { date: new Date().toISOString(), node: process.version, database: dialect, seconds, rounds };
  writeResults(args.out ?? 'bench/results/latest.json', { ...run, small, large, report });
  const failed = [small, large].flatMap((size) =>
    size.levels.flatMap((level) =>
      Object.entries({ 'bare Express': level.bare, ...level.endpoints }).filter(
        ([, result]) => result.non2xx > 0 || result.requestsPerSecond === 0,
      ),
    ),
  );
  if (failed.length) {
    process.stderr.write(`endpoints with errors: ${failed.map(([endpoint]) => endpoint).join(', ')}\n`);
    process.exitCode = 1;
  }
}

async function overheadMain(): Promise<void> {
  buildApp();
  const client = args.client as OverheadOptions['client'];
  const rows = await measureOverhead({ seconds, connections: connectionLevels, rounds, client });
  process.stdout.write(
    `${[`${process.version}; ${client}; ${seconds} s per load; median of ${rounds} rounds; p99 in ms`, ...overheadTable(rows)].join('\n')}\n`,
  );
  const run = { date: new Date().toISOString(), node: process.version, client, seconds, rounds };
  writeResults(args.out ?? 'bench/results/overhead-latest.json', { ...run, rows });
  const failed = rows.flatMap((row) =>
    Object.entries(row.results)
      .filter(([, result]) => result.non2xx > 0)
      .map(([server, result]) => `${server} ${row.endpoint} at ${row.connections}c: ${result.non2xx}`),
  );
  if (failed.length) {
    process.stderr.write(`errors or timeouts: ${failed.join('; ')}\n`);
    process.exitCode = 1;
  }
}

function writeResults(file: string, results: object): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\nwritten to ${file}\n`);
}

void (args.overhead ? overheadMain() : main());
