import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { normalisePage } from '../src/collector/normalise';
import { closeDatabase, openDatabase } from '../src/database';
import { ingestThroughApp, normaliseWithoutResolution, type IngestResult } from './ingest';

const USAGE = `npm run bench:countries -- [--posts N] [--rounds R]
  Ingest through the app's path with country resolution and without it (the normaliser before
  resolution), alternately R times (default 3) into fresh SQLite databases of N posts (default
  100000); prints the median posts/s of each and their ratio (target: at least 0.9).
`;
const { values: args } = parseArgs({
  options: {
    posts: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '3' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

async function once(withResolution: boolean, posts: number): Promise<IngestResult> {
  const dir = mkdtempSync(join(tmpdir(), 'country-ingest-'));
  const dataSource = await openDatabase(join(dir, 'bench.db'));
  try {
    return await ingestThroughApp(
      dataSource,
      posts,
      withResolution ? normalisePage : normaliseWithoutResolution,
    );
  } finally {
    await closeDatabase(dataSource);
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const posts = Number(args.posts);
  const withIt: number[] = [];
  const without: number[] = [];
  // Which goes first alternates, so neither always meets a warmer or a busier machine.
  for (let round = 0; round < Number(args.rounds); round += 1)
    for (const withResolution of round % 2 === 0 ? [true, false] : [false, true])
      (withResolution ? withIt : without).push((await once(withResolution, posts)).postsPerSecond);
  const ratio = median(withIt) / median(without);
  process.stdout.write(
    `ingest of ${posts} posts, median of ${withIt.length}: with country resolution ${Math.round(median(withIt))} posts/s, without ${Math.round(median(without))} posts/s; ratio ${ratio.toFixed(2)} (${ratio >= 0.9 ? 'met' : 'MISSED'}: at least 0.9)\n`,
  );
}

void main();
