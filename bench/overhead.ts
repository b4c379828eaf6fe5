import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBenchDatabase } from './database';
import { ingestThroughApp } from './ingest';
import { median, middle } from './level';
import { load, type LoadResult } from './load';
import { freePort, startBareHttpServer, startBareServer, startServer, type BenchServer } from './server';
import { loadWithWrk } from './wrk';

/** `/healthz`, a cached aggregate and the first page of `/tweets` (cached too): what the app adds to an answer. */
export const OVERHEAD_ENDPOINTS = ['/healthz', '/tweets_per_tag', '/tweets?limit=100'];
const SERVERS = ['bare node:http', 'bare Express', 'app'] as const;
type ServerName = (typeof SERVERS)[number];

export interface OverheadOptions {
  seconds: number;
  connections: number[];
  rounds: number;
  client: 'autocannon' | 'wrk';
}

/** A load's figures and the CPU time the server spent per request (µs): the cost the machine's other work cannot hide. */
type Measured = LoadResult & { cpuUsPerRequest: number };

export interface OverheadRow {
  endpoint: string;
  connections: number;
  /** each server's median over the rounds */
  results: Record<ServerName, LoadResult>;
  cpuUsPerRequest: Record<ServerName, number>;
  /** the medians, over the rounds, of the app's figure over the bare server's in the same round */
  rpsVsExpress: number;
  p99VsExpress: number;
  rpsVsHttp: number;
  p99VsHttp: number;
}

/**
 * The app (built, its own process, 1,000 posts in SQLite, answers cached) against bare Express 5 and
 * bare node:http sending the same bodies: per endpoint and number of connections, the three servers
 * in turn, `rounds` times, so each ratio is taken between neighbouring loads.
 */
export async function measureOverhead(options: OverheadOptions): Promise<OverheadRow[]> {
  const database = await createBenchDatabase('sqlite');
  const scratch = mkdtempSync(join(tmpdir(), 'twitter-api-overhead-'));
  const servers: BenchServer[] = [];
  try {
    const store = await database.open();
    await ingestThroughApp(store, 1000);
    await store.close();
    const app = await startServer(database.serverEnv, await freePort());
    servers.push(app);
    const bodiesFile = join(scratch, 'bodies.json');
    writeFileSync(bodiesFile, JSON.stringify(await bodiesOf(app.url)));
    const http = await startBareHttpServer(await freePort(), bodiesFile);
    servers.push(http);
    const express = await startBareServer(await freePort(), bodiesFile);
    servers.push(express);
    const named: Record<ServerName, BenchServer> = { 'bare node:http': http, 'bare Express': express, app };
    return await loadAll(named, options);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(scratch, { recursive: true, force: true });
    await database.dispose();
  }
}

/** The app's answers to the measured paths but `/healthz`, keyed by path without the query. */
async function bodiesOf(appUrl: string): Promise<Record<string, string>> {
  const entries = OVERHEAD_ENDPOINTS.filter((endpoint) => endpoint !== '/healthz').map(async (endpoint) => {
    const res = await fetch(`${appUrl}${endpoint}`);
    if (!res.ok) throw new Error(`${endpoint} answered ${res.status}`);
    return [endpoint.split('?')[0]!, await res.text()] as const;
  });
  return Object.fromEntries(await Promise.all(entries));
}

async function loadAll(
  servers: Record<ServerName, BenchServer>,
  options: OverheadOptions,
): Promise<OverheadRow[]> {
  const run = async (
    server: ServerName,
    endpoint: string,
    connections: number,
    seconds = options.seconds,
  ) => {
    process.stderr.write(`${connections} connections: ${server} ${endpoint} for ${seconds} s...\n`);
    const url = `${servers[server].url}${endpoint}`;
    const cpuBefore = servers[server].cpuSeconds();
    const result =
      options.client === 'wrk'
        ? await loadWithWrk(url, { seconds, connections })
        : await load(url, { seconds, connections });
    const requests = Math.max(1, result.requestsPerSecond * seconds);
    return { ...result, cpuUsPerRequest: ((servers[server].cpuSeconds() - cpuBefore) / requests) * 1e6 };
  };
  // JIT and caches warm on every server before anything is counted.
  for (const endpoint of OVERHEAD_ENDPOINTS) {
    for (const server of SERVERS) await run(server, endpoint, options.connections[0]!, 2);
  }
  const rows: OverheadRow[] = [];
  for (const connections of options.connections) {
    for (const endpoint of OVERHEAD_ENDPOINTS) {
      const rounds: Record<ServerName, Measured>[] = [];
      for (let round = 0; round < options.rounds; round++) {
        const results = {} as Record<ServerName, Measured>;
        for (const server of SERVERS) results[server] = await run(server, endpoint, connections);
        rounds.push(results);
      }
      rows.push(summarise(endpoint, connections, rounds));
    }
  }
  return rows;
}

function summarise(
  endpoint: string,
  connections: number,
  rounds: Record<ServerName, Measured>[],
): OverheadRow {
  const ratio = (of: (result: LoadResult) => number, bare: ServerName) =>
    round(middle(rounds.map((results) => of(results.app) / of(results[bare]))));
  const rps = (result: LoadResult) => result.requestsPerSecond;
  const p99 = (result: LoadResult) => result.p99Ms;
  const results = Object.fromEntries(
    SERVERS.map((server) => [server, median(rounds.map((results) => results[server]))]),
  ) as Record<ServerName, LoadResult>;
  const cpuUsPerRequest = Object.fromEntries(
    SERVERS.map((server) => [
      server,
      round(middle(rounds.map((results) => results[server].cpuUsPerRequest))),
    ]),
  ) as Record<ServerName, number>;
  return {
    endpoint,
    connections,
    results,
    cpuUsPerRequest,
    rpsVsExpress: ratio(rps, 'bare Express'),
    p99VsExpress: ratio(p99, 'bare Express'),
    rpsVsHttp: ratio(rps, 'bare node:http'),
    p99VsHttp: ratio(p99, 'bare node:http'),
  };
}

/** A markdown table: per endpoint and connections, each server's req/s and p99, and the app's ratios. */
export function overheadTable(rows: OverheadRow[]): string[] {
  const heads = [
    'endpoint',
    'conns',
    'req/s node:http',
    'req/s Express',
    'req/s app',
    'app ÷ Express',
    'app ÷ node:http',
    'p99 node:http',
    'p99 Express',
    'p99 app',
    'p99 app ÷ Express',
    'p99 app ÷ node:http',
    'CPU µs/req node:http',
    'CPU µs/req Express',
    'CPU µs/req app',
  ];
  const ms = (value: number) => value.toFixed(2);
  return [
    `| ${heads.join(' | ')} |`,
    `|${heads.map(() => '---').join('|')}|`,
    ...rows
      .map(({ results: r, ...row }) =>
        [
          `\`${row.endpoint}\``,
          row.connections,
          ...SERVERS.map((server) => Math.round(r[server].requestsPerSecond)),
          row.rpsVsExpress,
          row.rpsVsHttp,
          ...SERVERS.map((server) => ms(r[server].p99Ms)),
          row.p99VsExpress,
          row.p99VsHttp,
          ...SERVERS.map((server) => Math.round(row.cpuUsPerRequest[server])),
        ].join(' | '),
      )
      .map((line) => `| ${line} |`),
  ];
}

const round = (value: number) => Math.round(value * 100) / 100;
