import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
}

/** Loads one URL over loopback for a fixed time with a fixed number of connections. */
export async function load(url: string, options: { seconds: number; connections: number }): Promise<LoadResult> {
  const result = await autocannon({ url, duration: options.seconds, connections: options.connections });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
  };
}
