import { load, type LoadResult } from './load';
import type { LevelResult } from './types';

export const CEILING = '/healthz';

export interface Target {
  path: string;
  /** with paths, each request takes the next in turn */
  paths?: string[];
}

/**
 * At one number of connections: the bare app's and the app's `/healthz` alternately, `rounds`
 * times (the machine's load moves between seconds, so the ratio is taken from neighbours), then
 * every other endpoint once.
 */
export async function measureLevel(
  urls: { app: string; bare: string },
  endpoints: Record<string, Target>,
  options: { connections: number; seconds: number; rounds: number },
): Promise<LevelResult> {
  const { connections, seconds } = options;
  const run = (label: string, url: string, paths?: string[]) => {
    process.stderr.write(`${connections} connections: ${label} for ${seconds} s...\n`);
    return load(url, { seconds, connections, paths });
  };
  const rounds: LevelResult['rounds'] = [];
  for (let round = 0; round < options.rounds; round++) {
    const bare = await run(`bare Express ${CEILING}`, `${urls.bare}${CEILING}`);
    rounds.push({ bare, healthz: await run(CEILING, `${urls.app}${CEILING}`) });
  }
  const results: Record<string, LoadResult> = {};
  for (const [endpoint, target] of Object.entries(endpoints)) {
    results[endpoint] =
      endpoint === CEILING
        ? median(rounds.map((round) => round.healthz))
        : await run(endpoint, `${urls.app}${target.path}`, target.paths);
  }
  return { connections, bare: median(rounds.map((round) => round.bare)), endpoints: results, rounds };
}

/** Each figure's median over the runs (the middle one's for an odd count). */
export function median(results: LoadResult[]): LoadResult {
  return {
    requestsPerSecond: middle(results.map((result) => result.requestsPerSecond)),
    p50Ms: middle(results.map((result) => result.p50Ms)),
    p99Ms: middle(results.map((result) => result.p99Ms)),
    non2xx: Math.max(...results.map((result) => result.non2xx)),
  };
}

/** The median of numbers (the mean of the middle two for an even count). */
export function middle(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}
