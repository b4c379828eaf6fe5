import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** answers other than 2xx, and with wrk also socket errors and timeouts */
  non2xx: number;
}

/**
 * Loads a URL over loopback for a fixed time with a fixed number of connections. With `paths`, each
 * request takes the next of them in turn, so a cache of recent answers cannot serve them.
 */
export async function load(
  url: string,
  options: { seconds: number; connections: number; paths?: string[] },
): Promise<LoadResult> {
  let next = 0;
  const paths = options.paths;
  const result = await autocannon({
    url,
    duration: options.seconds,
    connections: options.connections,
    ...(paths && {
      requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }],
    }),
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
  };
}
