import type { SizeResult } from './run';

const CEILING = '/healthz';

export interface ReportRow {
  endpoint: string;
  smallRps: number;
  smallP50: number;
  smallP99: number;
  largeRps: number;
  largeP50: number;
  largeP99: number;
  p50Ratio: number;
  rpsVsCeiling: number;
}

/** Prints the comparison table and returns its rows for the JSON file. */
export function printReport(
  small: SizeResult,
  large: SizeResult,
  load: { seconds: number; connections: number },
) {
  const ceiling = large.endpoints[CEILING]!.requestsPerSecond;
  const rows: ReportRow[] = Object.keys(large.endpoints).map((endpoint) => {
    const s = small.endpoints[endpoint]!;
    const l = large.endpoints[endpoint]!;
    return {
      endpoint,
      smallRps: Math.round(s.requestsPerSecond),
      smallP50: s.p50Ms,
      smallP99: s.p99Ms,
      largeRps: Math.round(l.requestsPerSecond),
      largeP50: l.p50Ms,
      largeP99: l.p99Ms,
      p50Ratio: round(l.p50Ms / Math.max(s.p50Ms, 1)),
      rpsVsCeiling: round(l.requestsPerSecond / ceiling),
    };
  });
  const n = large.posts.toLocaleString('en');
  const out = [
    `load: ${load.connections} connections, ${load.seconds} s per endpoint; p50/p99 in ms`,
    '',
    `| endpoint | req/s 1k | p50 1k | p99 1k | req/s ${n} | p50 ${n} | p99 ${n} | p50 ratio | req/s vs ceiling |`,
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| \`${r.endpoint.replace(/cursor=DEEP/, 'cursor=<halfway>')}\` | ${r.smallRps} | ${r.smallP50} | ${r.smallP99} | ${r.largeRps} | ${r.largeP50} | ${r.largeP99} | ${r.p50Ratio} | ${r.rpsVsCeiling} |`,
    ),
    '',
    `ingest through the app: ${Math.round(large.ingest.postsPerSecond)} posts/s (${large.ingest.seconds.toFixed(1)} s); raw better-sqlite3: ${Math.round(large.rawIngest!.postsPerSecond)} posts/s; ratio ${round(large.ingest.postsPerSecond / large.rawIngest!.postsPerSecond)}`,
    `server peak RSS: ${small.peakRssMb.toFixed(0)} MB at 1k, ${large.peakRssMb.toFixed(0)} MB at ${n}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  return { rows, ingestRatio: large.ingest.postsPerSecond / large.rawIngest!.postsPerSecond };
}

const round = (value: number) => Math.round(value * 100) / 100;
