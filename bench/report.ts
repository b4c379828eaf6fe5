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

/** The endpoints answered from counters (and the authors' followers index), not by reading posts. */
export const isAggregate = (endpoint: string) =>
  /^\/tweets_(per|over)_/.test(endpoint) || endpoint.startsWith('/tweets?order_by_followers_desc');
const FIRST_PAGE = '/tweets?limit=100';
const DEEP_PAGE = '/tweets?limit=100&cursor=DEEP';

export interface Verdict {
  target: string;
  measured: string;
  met: boolean;
}

/**
 * The scaling targets: ingest through the app at least a third of the raw baseline; on the large
 * database every aggregate's p50 within 2x of its p50 at 1k and at least half the bare app's req/s;
 * the page halfway down /tweets within 2x of the first page's p50. Each at every number of connections.
 */
export function verdicts(small: SizeResult, large: SizeResult, ingestRatio: number): Verdict[] {
  const found: Verdict[] = [
    { target: 'ingest app ÷ raw >= 0.33', measured: String(round(ingestRatio)), met: ingestRatio >= 1 / 3 },
  ];
  large.levels.forEach((level, index) => {
    const at = `${level.connections}c`;
    const smallLevel = small.levels[index]!;
    const aggregates = Object.keys(level.endpoints).filter(isAggregate);
    const p50VsSmall = aggregates.map(
      (e) => level.endpoints[e]!.p50Ms / Math.max(smallLevel.endpoints[e]!.p50Ms, 1),
    );
    const vsBare = aggregates.map(
      (e) => level.endpoints[e]!.requestsPerSecond / level.bare.requestsPerSecond,
    );
    const depth = level.endpoints[DEEP_PAGE]!.p50Ms / Math.max(level.endpoints[FIRST_PAGE]!.p50Ms, 1);
    found.push(
      {
        target: `aggregates p50 ÷ p50 at 1k <= 2, ${at}`,
        measured: spread(p50VsSmall),
        met: Math.max(...p50VsSmall) <= 2,
      },
      {
        target: `aggregates req/s ÷ bare >= 0.5, ${at}`,
        measured: spread(vsBare),
        met: Math.min(...vsBare) >= 0.5,
      },
      {
        target: `/tweets halfway p50 ÷ first page p50 <= 2, ${at}`,
        measured: String(round(depth)),
        met: depth <= 2,
      },
    );
  });
  return found;
}

const spread = (values: number[]) => `${round(Math.min(...values))} to ${round(Math.max(...values))}`;

/** Prints a table per database size and the targets' verdicts; returns them for the JSON file. */
export function printReport(
  small: SizeResult,
  large: SizeResult,
  load: { seconds: number; rounds: number; dialect: string; rawLabel: string },
) {
  const rows = { small: reportRows(small), large: reportRows(large, small) };
  const ingestRatio = large.ingest.postsPerSecond / large.rawIngest!.postsPerSecond;
  const targets = verdicts(small, large, ingestRatio);
  const resolutionRatio = large.unresolvedIngest
    ? large.ingest.postsPerSecond / large.unresolvedIngest.postsPerSecond
    : undefined;
  const out = [
    `${load.dialect}; ${load.seconds} s per load; bare Express and the app's /healthz alternately, median of ${load.rounds}; p50/p99 in ms`,
    '',
    `${small.posts.toLocaleString('en')} posts:`,
    ...table(rows.small, false),
    '',
    `${large.posts.toLocaleString('en')} posts:`,
    ...table(rows.large, true),
    '',
    `ingest through the app: ${Math.round(large.ingest.postsPerSecond)} posts/s (${large.ingest.seconds.toFixed(1)} s); ${load.rawLabel}: ${Math.round(large.rawIngest!.postsPerSecond)} posts/s (${large.rawIngest!.seconds.toFixed(1)} s); ratio ${round(ingestRatio)}`,
    ...(resolutionRatio === undefined
      ? []
      : [
          `ingest without country resolution: ${Math.round(large.unresolvedIngest!.postsPerSecond)} posts/s; with it ÷ without: ${round(resolutionRatio)}`,
        ]),
    `server peak RSS: ${small.peakRssMb.toFixed(0)} MB at 1k, ${large.peakRssMb.toFixed(0)} MB at ${large.posts.toLocaleString('en')}`,
    '',
    'targets:',
    ...targets.map((v) => `- ${v.met ? 'met' : 'MISSED'}: ${v.target} (measured ${v.measured})`),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  return { rows, ingestRatio, resolutionRatio, verdicts: targets };
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
