import type { LoadResult } from './load';
import type { LevelResult, SizeResult } from './types';

const BARE = 'bare Express';

export interface LevelFigures {
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  /** the endpoint's req/s over the bare app's at the same connections */
  rpsVsBare: number;
  /** the endpoint's p99 over the bare app's at the same connections */
  p99VsBare: number;
}

export interface ReportRow {
  endpoint: string;
  levels: LevelFigures[];
  /** p50 on the large database over p50 on the 1k one, at the first number of connections */
  p50VsSmall?: number;
}

/** One row per endpoint (the bare app first) with its figures at each number of connections. */
export function reportRows(size: SizeResult, small?: SizeResult): ReportRow[] {
  const endpoints = [BARE, ...Object.keys(size.levels[0]!.endpoints)];
  return endpoints.map((endpoint) => {
    const levels = size.levels.map((level) => figures(level, resultOf(level, endpoint)));
    if (!small) return { endpoint, levels };
    const p50Small = resultOf(small.levels[0]!, endpoint).p50Ms;
    return { endpoint, levels, p50VsSmall: round(levels[0]!.p50 / Math.max(p50Small, 1)) };
  });
}

/** Prints a table per database size and returns the rows for the JSON file. */
export function printReport(small: SizeResult, large: SizeResult, load: { seconds: number; rounds: number }) {
  const rows = { small: reportRows(small), large: reportRows(large, small) };
  const ingestRatio = large.ingest.postsPerSecond / large.rawIngest!.postsPerSecond;
  const out = [
    `${load.seconds} s per load; bare Express and the app's /healthz alternately, median of ${load.rounds}; p50/p99 in ms`,
    '',
    `${small.posts.toLocaleString('en')} posts:`,
    ...table(rows.small, false),
    '',
    `${large.posts.toLocaleString('en')} posts:`,
    ...table(rows.large, true),
    '',
    `ingest through the app: ${Math.round(large.ingest.postsPerSecond)} posts/s (${large.ingest.seconds.toFixed(1)} s); raw better-sqlite3: ${Math.round(large.rawIngest!.postsPerSecond)} posts/s; ratio ${round(ingestRatio)}`,
    `server peak RSS: ${small.peakRssMb.toFixed(0)} MB at 1k, ${large.peakRssMb.toFixed(0)} MB at ${large.posts.toLocaleString('en')}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  return { rows, ingestRatio };
}

function table(rows: ReportRow[], withScaling: boolean): string[] {
  const levelHeads = rows[0]!.levels.flatMap(({ connections: c }) => [
    `req/s ${c}c`,
    `p50 ${c}c`,
    `p99 ${c}c`,
    `req/s ÷ bare ${c}c`,
    `p99 ÷ bare ${c}c`,
  ]);
  const heads = ['endpoint', ...levelHeads, ...(withScaling ? ['p50 ÷ p50 at 1k'] : [])];
  return [
    `| ${heads.join(' | ')} |`,
    `|${heads.map(() => '---').join('|')}|`,
    ...rows.map((row) => {
      const cells = row.levels.flatMap((l) => [l.rps, l.p50, l.p99, l.rpsVsBare, l.p99VsBare]);
      const name =
        row.endpoint === BARE ? BARE : `\`${row.endpoint.replace(/cursor=DEEP/, 'cursor=<halfway>')}\``;
      return `| ${[name, ...cells, ...(withScaling ? [row.p50VsSmall] : [])].join(' | ')} |`;
    }),
  ];
}

function resultOf(level: LevelResult, endpoint: string): LoadResult {
  return endpoint === BARE ? level.bare : level.endpoints[endpoint]!;
}

function figures(level: LevelResult, result: LoadResult): LevelFigures {
  return {
    connections: level.connections,
    rps: Math.round(result.requestsPerSecond),
    p50: result.p50Ms,
    p99: result.p99Ms,
    rpsVsBare: round(result.requestsPerSecond / level.bare.requestsPerSecond),
    p99VsBare: round(result.p99Ms / Math.max(level.bare.p99Ms, 1)),
  };
}

const round = (value: number) => Math.round(value * 100) / 100;
