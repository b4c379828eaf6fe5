import { once } from 'node:events';
import { request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app';
import { describeWithTool } from '../helpers/external-tool';
import { loadCompose } from './compose-files';
import { nginx, startNginx, type LocalNginx } from './nginx-local';

const right = `Bearer ${ADMIN_TOKEN}`;
const wrong = 'Bearer a-guess-a-guess-a-guess';
const replicaEnv = loadCompose('docker-compose.replicas.yml').services.twitterapi!.environment!;

describeWithTool(nginx)('the failed admin authentication limit behind the stack nginx', () => {
  let app: TestApp;
  let server: Server;
  let proxy: LocalNginx;

  beforeAll(async () => {
    app = await buildTestApp({ env: { TRUST_PROXY: replicaEnv.TRUST_PROXY!, ADMIN_MAX_FAILED_AUTH: '3' } });
    server = app.http.listen(0, '127.0.0.1');
    await once(server, 'listening');
    proxy = await startNginx((server.address() as AddressInfo).port);
  }, 30_000);
  afterAll(async () => {
    await proxy?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await app?.close();
  });

  /** An admin request to nginx over a connection from `client` (any 127.x.y.z is this machine). */
  const adminRequest = async (
    client: string,
    authorization: string,
    extra: Record<string, string> = {},
  ): Promise<{ status: number; headers: IncomingMessage['headers']; body: string }> => {
    const res = await new Promise<IncomingMessage>((resolve, reject) =>
      request(
        {
          host: '127.0.0.1',
          port: proxy.port,
          localAddress: client,
          method: 'POST',
          path: '/stop',
          headers: { authorization, ...extra },
        },
        resolve,
      )
        .on('error', reject)
        .end(),
    );
    let body = '';
    for await (const chunk of res) body += String(chunk);
    return { status: res.statusCode!, headers: res.headers, body };
  };

  test('when clients from many addresses fail past the limit, then another address is served and each failing one gets 429', async () => {
    const guessers = Array.from({ length: 10 }, (_, i) => `127.0.0.${i + 10}`);
    for (const client of guessers)
      for (let i = 0; i < 3; i++)
        // Each also claims the address of the admin: nginx replaces what a client says.
        expect((await adminRequest(client, wrong, { 'X-Forwarded-For': '127.0.0.2' })).status).toBe(401);

    const admin = await adminRequest('127.0.0.2', right);
    const refused = await adminRequest('127.0.0.10', right);

    // No stream run is active: the admin is let through to that answer.
    expect(admin.status).toBe(409);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(JSON.parse(refused.body)).toMatchObject({ status: 429, title: 'Too Many Requests' });
  });
});
