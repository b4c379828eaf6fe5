import { once } from 'node:events';
import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FAILED_AUTH_WINDOW_MS } from '../../src/resources/database/admin-auth';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { seed } from '../helpers/seed';
import { pagesSource } from '../helpers/sources';

const right = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const wrong = { Authorization: 'Bearer a-guess-a-guess-a-guess' };
/** What a proxy on this machine (TRUST_PROXY's default, loopback) says the client's address is. */
const forwardedFor = (address: string) => ({ 'X-Forwarded-For': address });

describe('failed admin authentications', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await buildTestApp({
      env: { TAGS: '#devops', ADMIN_MAX_FAILED_AUTH: '3' },
      source: pagesSource({ '#devops': [] }),
    });
    const user = buildUser();
    await seed(app.store, '#devops', buildPage([buildPost({ author: user })], { users: [user] }));
  });
  afterEach(async () => {
    jest.useRealTimers();
    await app.close();
  });

  /** DELETE /database over a connection from `localAddress` (any 127.x.y.z is this machine) */
  const deleteFrom = async (localAddress: string, headers: Record<string, string>) => {
    const server = app.http.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const res = await new Promise<IncomingMessage>((resolve, reject) =>
        request(
          { host: '127.0.0.1', port, localAddress, method: 'DELETE', path: '/database', headers },
          resolve,
        )
          .on('error', reject)
          .end(),
      );
      res.resume();
      return res.statusCode;
    } finally {
      server.close();
    }
  };

  const guess = async (times: number) => {
    for (let i = 0; i < times; i++) await app.api.delete('/database').set(wrong).expect(401);
  };

  test('when a client has failed ADMIN_MAX_FAILED_AUTH times, then even the right token gets 429 problem+json with Retry-After, and nothing is deleted', async () => {
    await guess(3);

    for (const method of ['get', 'delete'] as const) {
      const res = await app.api[method]('/database').set(right).expect(429);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const retryAfter = Number(res.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(FAILED_AUTH_WINDOW_MS / 1000 - 60);
      expect(retryAfter).toBeLessThanOrEqual(FAILED_AUTH_WINDOW_MS / 1000);
      expect(res.body).toMatchObject({
        status: 429,
        title: 'Too Many Requests',
        detail: `too many failed admin authentications from this client; retry in ${retryAfter} s`,
      });
    }
    expect((await app.api.get('/tweets')).body.tweets).toHaveLength(1);
  });

  test('when one client is blocked, then another client address with the right token is served', async () => {
    await guess(3);

    await app.api.delete('/database').set(right).expect(429);
    expect(await deleteFrom('127.0.0.2', right)).toBe(200);
  });

  test('when guesses at /database and /launch add up to the limit, then both refuse the right token', async () => {
    await guess(2);
    await app.api.post('/launch').set(wrong).expect(401);

    await app.api.post('/stop').set(right).expect(429);
    await app.api.delete('/database').set(right).expect(429);
  });

  test('when clients behind the trusted proxy fail from many addresses, then another address is served and each failing one is refused', async () => {
    for (let client = 1; client <= 20; client++)
      for (let i = 0; i < 3; i++)
        await app.api
          .delete('/database')
          .set(wrong)
          .set(forwardedFor(`203.0.113.${client}`))
          .expect(401);

    await app.api.delete('/database').set(right).set(forwardedFor('198.51.100.7')).expect(200);
    await app.api.post('/stop').set(right).set(forwardedFor('198.51.100.7')).expect(409);
    const refused = await app.api.delete('/database').set(right).set(forwardedFor('203.0.113.1')).expect(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(FAILED_AUTH_WINDOW_MS / 1000 - 60);
    await app.api.post('/stop').set(right).set(forwardedFor('203.0.113.20')).expect(429);
  });

  test('when the failures are fewer than the limit, then the right token is served', async () => {
    await guess(2);

    await app.api.delete('/database').set(right).expect(200);
  });

  test('when a client authenticates successfully many times, then those requests do not count toward the limit', async () => {
    for (let i = 0; i < 5; i++) await app.api.delete('/database').set(right).expect(200);
    await guess(3);

    await app.api.delete('/database').set(right).expect(429);
  });

  test('when 15 minutes have passed since the first failure, then the client is served again', async () => {
    jest.useFakeTimers({ now: Date.now(), doNotFake: NOT_DATE });
    await guess(3);
    await app.api.delete('/database').set(right).expect(429);

    jest.setSystemTime(Date.now() + FAILED_AUTH_WINDOW_MS + 1000);

    await app.api.delete('/database').set(right).expect(200);
  });
});

describe('failed admin authentications where no proxy is trusted', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await buildTestApp({ env: { ADMIN_MAX_FAILED_AUTH: '3', TRUST_PROXY: 'false' } });
  });
  afterEach(() => app.close());

  test('when a blocked client claims other addresses in X-Forwarded-For, then it is still refused', async () => {
    for (let i = 1; i <= 3; i++)
      await app.api
        .delete('/database')
        .set(wrong)
        .set(forwardedFor(`203.0.113.${i}`))
        .expect(401);

    await app.api.delete('/database').set(right).set(forwardedFor('203.0.113.9')).expect(429);
  });
});

/** Only `Date` is faked: the server, supertest and the database need real timers. */
const NOT_DATE: NonNullable<
  Extract<Parameters<typeof jest.useFakeTimers>[0], { doNotFake?: unknown }>['doNotFake']
> = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
];
