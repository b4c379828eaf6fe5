import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../src/service';
import { normalisePage } from '../src/x/normalise';
import { ingestThroughApp, normaliseWithoutResolution, type IngestResult } from './ingest';
import { syntheticPages } from './synthetic';

const USAGE = `npm run bench:countries -- [--posts N] [--rounds R]
  Ingest through the app's path with country resolution and without it (the normaliser before
  resolution), alternately R times (default 3) into fresh SQLite databases of N posts (default
  100000); prints the median posts/s of each and their ratio (target: at least 0.9), by wall time
  and by this process's CPU time (steadier when other work shares the machine).
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

interface Run extends IngestResult {
  /** posts per second of this process's CPU time: steadier than wall time on a shared machine */
  postsPerCpuSecond: number;
}

async function once(withResolution: boolean, posts: number): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'country-ingest-'));
  const store = await openStore(join(dir, 'bench.db'));
  try {
    const cpu = process.cpuUsage();
    const result = await ingestThroughApp(
      store,
      posts,
      withResolution ? normalisePage : normaliseWithoutResolution,
    );
    const { user, system } = process.cpuUsage(cpu);
    return { ...result, postsPerCpuSecond: posts / ((user + system) / 1e6) };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The normaliser alone on the same pages, with and without resolution: what resolving adds per post. */
function normaliserCost(posts: number, rounds: number): { withMs: number; withoutMs: number } {
  const pages = [...syntheticPages(posts)].map(({ page }) => page);
  const timed = (normalise: (page: (typeof pages)[number]) => unknown) => {
    const started = performance.now();
    for (const page of pages) normalise(page);
    return performance.now() - started;
  };
  const withMs: number[] = [];
  const withoutMs: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    withMs.push(timed(normalisePage));
    withoutMs.push(timed(normaliseWithoutResolution));
  }
  return { withMs: medianOf(withMs), withoutMs: medianOf(withoutMs) };
}

async function main(): Promise<void> {
  const posts = Number(args.posts);
  const runs: Record<'with' | 'without', Run[]> = { with: [], without: [] };
  // Which goes first alternates, so neither always meets a warmer or a busier machine.
  for (let round = 0; round < Number(args.rounds); round += 1)
    for (const withResolution of round % 2 === 0 ? [true, false] : [false, true])
      runs[withResolution ? 'with' : 'without'].push(await once(withResolution, posts));
  const report = (label: string, of: (run: Run) => number) => {
    const [a, b] = [medianOf(runs.with.map(of)), medianOf(runs.without.map(of))];
    const ratio = a / b;
    return `${label}: with country resolution ${Math.round(a)}, without ${Math.round(b)}; ratio ${ratio.toFixed(2)} (${ratio >= 0.9 ? 'met' : 'MISSED'}: at least 0.9)`;
  };
  process.stdout.write(
    [
      `ingest of ${posts} posts through the app's path, median of ${runs.with.length} runs each`,
      report('posts/s', (run) => run.postsPerSecond),
      report('posts per CPU second', (run) => run.postsPerCpuSecond),
      normaliserLine(posts, medianOf(runs.with.map((run) => run.seconds))),
      '',
    ].join('\n'),
  );
}

function normaliserLine(posts: number, ingestSeconds: number): string {
  const { withMs, withoutMs } = normaliserCost(posts, Number(args.rounds));
  const addedMicros = ((withMs - withoutMs) * 1000) / posts;
  const share = (withMs - withoutMs) / 1000 / ingestSeconds;
  return `normaliser alone: ${withMs.toFixed(0)} ms with resolution, ${withoutMs.toFixed(0)} ms without; resolving adds ${addedMicros.toFixed(1)} µs per post, ${(share * 100).toFixed(1)}% of the ingest time`;
}

void main();
