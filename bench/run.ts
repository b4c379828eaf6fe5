import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { closeDatabase, openDatabase } from '../src/database';
import { encodeCursor } from '../src/resources/tweets/cursor';
import { query } from '../src/repositories/sql';
import { ingestRaw, ingestThroughApp, type IngestResult } from './ingest';
import { load, type LoadResult } from './load';
import { printReport } from './report';
import { buildApp, startServer } from './server';

const { values: args } = parseArgs({
  options: {
    posts: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    smoke: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results/latest.json' },
  },
});
const big = args.smoke ? 10_000 : Number(args.posts);
const seconds = args.smoke ? 2 : Number(args.seconds);
const connections = Number(args.connections);

export interface SizeResult {
  posts: number;
  ingest: IngestResult;
  rawIngest?: IngestResult;
  endpoints: Record<string, LoadResult>;
  peakRssMb: number;
}

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
];

async function measure(posts: number, port: number, withBaseline: boolean): Promise<SizeResult> {
  const dir = mkdtempSync(join(tmpdir(), 'twitter-api-bench-'));
  try {
    const databasePath = join(dir, 'bench.db');
    const dataSource = await openDatabase(databasePath);
    process.stderr.write(`ingesting ${posts} posts through the app's path...\n`);
    const ingest = await ingestThroughApp(dataSource, posts);
    const deepCursor = await cursorHalfway(dataSource);
    const spread = await cursorsSpread(dataSource, 1000);
    await closeDatabase(dataSource);
    let rawIngest: IngestResult | undefined;
    if (withBaseline) {
      const rawPath = join(dir, 'raw.db');
      await closeDatabase(await openDatabase(rawPath));
      process.stderr.write(`ingesting ${posts} posts with raw better-sqlite3...\n`);
      rawIngest = ingestRaw(rawPath, posts);
    }
    const server = await startServer(databasePath, port);
    const endpoints: Record<string, LoadResult> = {};
    for (const endpoint of ENDPOINTS) {
      process.stderr.write(`loading ${endpoint} for ${seconds} s...\n`);
      const paths = variants(endpoint, spread);
      endpoints[endpoint] = await load(`${server.url}${endpoint.replace('DEEP', deepCursor)}`, {
        seconds,
        connections,
        paths,
      });
    }
    const peakRssMb = server.peakRssMb();
    await server.stop();
    return { posts, ingest, rawIngest, endpoints, peakRssMb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * 1,000 variants of an endpoint, each a different cache key: cursors at random places, or languages
 * without posts (ISO 639's private-use `qaa` with a region-like suffix: qaa-n000 to qaa-n999).
 */
function variants(endpoint: string, cursors: string[]): string[] | undefined {
  if (!endpoint.includes('<1000 different>')) return undefined;
  const values = endpoint.includes('cursor=<')
    ? cursors
    : Array.from({ length: 1000 }, (_, i) => `qaa-n${String(i).padStart(3, '0')}`);
  return values.map((value) => endpoint.replace('<1000 different>', value));
}

/** The cursor of the entry halfway down /tweets: the deepest page a client would plausibly reach. */
async function cursorHalfway(dataSource: Awaited<ReturnType<typeof openDatabase>>): Promise<string> {
  const [{ total }] = (await query<{ total: number }>(
    dataSource.manager,
    'SELECT COUNT(*) AS total FROM post_tags',
  )) as [{ total: number }];
  const [row] = await query<{ created_at: string; post_id: string; tag: string }>(
    dataSource.manager,
    'SELECT created_at, post_id, tag FROM post_tags ORDER BY created_at DESC, post_id DESC, tag DESC LIMIT 1 OFFSET :offset',
    { offset: Math.floor(Number(total) / 2) },
  );
  return encodeCursor({ createdAt: row!.created_at, postId: row!.post_id, tag: row!.tag });
}

/** Cursors at random places in /tweets: pages no cache of the last few hundred answers holds. */
async function cursorsSpread(
  dataSource: Awaited<ReturnType<typeof openDatabase>>,
  count: number,
): Promise<string[]> {
  const rows = await query<{ created_at: string; post_id: string; tag: string }>(
    dataSource.manager,
    'SELECT created_at, post_id, tag FROM post_tags ORDER BY random() LIMIT :count',
    { count },
  );
  return rows.map((row) => encodeCursor({ createdAt: row.created_at, postId: row.post_id, tag: row.tag }));
}

async function main(): Promise<void> {
  buildApp();
  const small = await measure(1_000, 5391, false);
  const large = await measure(big, 5392, true);
  const report = printReport(small, large, { seconds, connections });
  mkdirSync(join(args.out, '..'), { recursive: true });
  writeFileSync(
    args.out,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, seconds, connections, small, large, report }, null, 2)}\n`,
  );
  process.stdout.write(`\nwritten to ${args.out}\n`);
  const failed = [small, large].flatMap((size) =>
    Object.entries(size.endpoints).filter(
      ([, result]) => result.non2xx > 0 || result.requestsPerSecond === 0,
    ),
  );
  if (failed.length) {
    process.stderr.write(`endpoints with errors: ${failed.map(([endpoint]) => endpoint).join(', ')}\n`);
    process.exitCode = 1;
  }
}

void main();
