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
  const dataSource = await openDatabase(join(dir, 'bench.db'));
  try {
    const cpu = process.cpuUsage();
    const result = await ingestThroughApp(
      dataSource,
      posts,
      withResolution ? normalisePage : normaliseWithoutResolution,
    );
    const { user, system } = process.cpuUsage(cpu);
    return { ...result, postsPerCpuSecond: posts / ((user + system) / 1e6) };
  } finally {
    await closeDatabase(dataSource);
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const posts = Number(args.posts);
  const runs: Record<'with' | 'without', Run[]> = { with: [], without: [] };
  // Which goes first alternates, so neither always meets a warmer or a busier machine.
  for (let round = 0; round < Number(args.rounds); round += 1)
    for (const withResolution of round % 2 === 0 ? [true, false] : [false, true])
      runs[withResolution ? 'with' : 'without'].push(await once(withResolution, posts));
  const report = (label: string, of: (run: Run) => number) => {
    const [a, b] = [median(runs.with.map(of)), median(runs.without.map(of))];
    const ratio = a / b;
    return `${label}: with country resolution ${Math.round(a)}, without ${Math.round(b)}; ratio ${ratio.toFixed(2)} (${ratio >= 0.9 ? 'met' : 'MISSED'}: at least 0.9)`;
  };
  process.stdout.write(
    [
      `ingest of ${posts} posts through the app's path, median of ${runs.with.length} runs each`,
      report('posts/s', (run) => run.postsPerSecond),
      report('posts per CPU second', (run) => run.postsPerCpuSecond),
      '',
    ].join('\n'),
  );
}

void main();
