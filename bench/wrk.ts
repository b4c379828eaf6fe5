import { execFile, spawnSync } from 'node:child_process';
import type { LoadResult } from './load';

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000 };

export function wrkAvailable(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined;
}

/**
 * The same load as load.ts with wrk (one thread, C): less of the shared CPU than autocannon's client
 * and latencies to the microsecond, so small p99s still give meaningful ratios.
 */
export function loadWithWrk(
  url: string,
  options: { seconds: number; connections: number },
): Promise<LoadResult> {
  const args = ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--latency', url];
  return new Promise((resolve, reject) => {
    execFile('wrk', args, (error, stdout) => {
      if (error) return reject(new Error(`wrk failed: ${error.message}`));
      try {
        resolve(parseWrk(stdout));
      } catch (parseError) {
        reject(parseError instanceof Error ? parseError : new Error(String(parseError)));
      }
    });
  });
}

export function parseWrk(output: string): LoadResult {
  const latency = (percent: number) => {
    const match = new RegExp(`^\\s+${percent}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(output);
    if (!match) throw new Error(`wrk printed no ${percent}% latency:\n${output}`);
    return Number(match[1]) * UNIT_MS[match[2]!]!;
  };
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(output);
  if (!rps) throw new Error(`wrk printed no Requests/sec:\n${output}`);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const errors = socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  return {
    requestsPerSecond: Number(rps[1]),
    p50Ms: latency(50),
    p99Ms: latency(99),
    non2xx: Number(non2xx?.[1] ?? 0) + errors,
  };
}
