import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeWithTool } from '../helpers/external-tool';
import { loadCompose } from './compose-files';
import { nginx, nginxConfig as config, startNginx, type LocalNginx } from './nginx-local';

const compose = loadCompose('docker-compose.replicas.yml');
/** The directives of one `location = <path> { ... }` block. */
const location = (path: string) => new RegExp(`location = ${path} \\{([^}]*)\\}`).exec(config)?.[1] ?? '';

describe('nginx/nginx.conf as the stack uses it', () => {
  test('when the upstream is read, then it is the API service on its port, re-resolved through Docker DNS', () => {
    const port = loadCompose('docker-compose.yml').services.twitterapi!.environment!.PORT;

    expect(config).toMatch(new RegExp(`^\\s*server twitterapi:${port} resolve;$`, 'm'));
    expect(config).toMatch(/^\s*resolver 127\.0\.0\.11 valid=10s ipv6=off;$/m);
    expect(config).toMatch(/^\s*zone twitterapi \d+k;$/m);
    // `resolve` in an upstream block came to open-source nginx in 1.27.3.
    const [major, minor, patch] = compose.services.proxy!.image!.split(':')[1]!.split(/[.-]/).map(Number);
    expect(major! * 1e6 + minor! * 1e3 + patch!).toBeGreaterThanOrEqual(1_027_003);
  });

  test('when the proxy container is defined, then it publishes and health-checks the port nginx listens on', () => {
    const proxy = compose.services.proxy!;

    expect(config).toMatch(/^\s*listen 8080;$/m);
    expect(proxy.ports).toEqual(['${API_PORT:-5000}:8080']);
    expect(proxy.volumes).toEqual(['./nginx/nginx.conf:/etc/nginx/nginx.conf:ro']);
    expect(proxy.healthcheck!.test).toEqual(['CMD', 'wget', '-qO-', 'http://127.0.0.1:8080/proxy-health']);
  });

  test('when the long-lived routes are read, then the event stream is unbuffered for an hour and a collection may take 30 minutes', () => {
    expect(location('/live/events')).toMatch(/proxy_buffering off;/);
    expect(location('/live/events')).toMatch(/proxy_read_timeout 1h;/);
    expect(location('/database')).toMatch(/proxy_read_timeout 30m;/);
    // A collection must not be started a second time on another replica when the first one is slow.
    expect(location('/database')).toMatch(/proxy_next_upstream off;/);
  });
});

/** Stands in for a replica: an event stream that sends its second event only when told, and a header echo. */
function startUpstream() {
  let releaseSecond!: () => void;
  const second = new Promise<void>((resolve) => (releaseSecond = resolve));
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    if (req.url === '/live/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write('data: first\n\n');
      void second.then(() => res.end('data: second\n\n'));
      return;
    }
    res.end('ok');
  });
  return { server, releaseSecond, seen };
}

/** The first chunk of a response body, or 'nothing' when none arrives within `ms`. */
async function firstChunk(url: string, ms: number): Promise<string> {
  const res = await fetch(url);
  const reader = res.body!.getReader();
  const timeout = new Promise<'nothing'>((resolve) => setTimeout(() => resolve('nothing'), ms));
  const read = reader.read().then(({ value }) => new TextDecoder().decode(value));
  const chunk = await Promise.race([read, timeout]);
  await reader.cancel();
  return chunk;
}

describeWithTool(nginx)('nginx with the stack config in front of a stand-in replica', () => {
  let upstream: ReturnType<typeof startUpstream>;
  let proxy: LocalNginx;
  let url: string;

  beforeAll(async () => {
    upstream = startUpstream();
    await new Promise<void>((resolve) => upstream.server.listen(0, '127.0.0.1', resolve));
    proxy = await startNginx((upstream.server.address() as AddressInfo).port);
    url = proxy.url;
  }, 20_000);

  afterAll(async () => {
    upstream?.releaseSecond();
    await proxy?.stop();
    upstream?.server.closeAllConnections();
    await new Promise((resolve) => upstream?.server.close(resolve));
  });

  test('when the proxy is health-checked, then nginx answers itself', async () => {
    const res = await fetch(`${url}/proxy-health`);

    expect({ status: res.status, body: await res.text() }).toEqual({ status: 200, body: 'ok\n' });
  });

  test('when a client reads /live/events, then each event arrives as the replica writes it, not when the response ends', async () => {
    expect(await firstChunk(`${url}/live/events`, 3000)).toBe('data: first\n\n');
  });

  test('when a client sends its own X-Forwarded-For, then the replica sees only the address nginx saw', async () => {
    await fetch(`${url}/tweets`, { headers: { 'x-forwarded-for': '203.0.113.7' } });

    expect(upstream.seen.at(-1)!['x-forwarded-for']).toBe('127.0.0.1');
    // No `Connection: close` towards the replica: the upstream connections are kept alive and reused.
    expect(upstream.seen.at(-1)!.connection).toBeUndefined();
  });
});
