import { buildTestApp, type TestApp } from '../helpers/app';

describe('errors and cross-cutting behaviour', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await buildTestApp();
  });
  afterEach(() => app.close());

  test('when a path is unknown, then 404 problem+json with the request id as instance', async () => {
    const res = await app.api.get('/nope/123').set('X-Request-Id', 'abc-123').expect(404);

    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.body).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No resource at /nope/123',
      instance: 'abc-123',
    });
  });

  test.each([
    ['post', '/tweets', 'GET, HEAD'],
    ['put', '/tweets_per_hour', 'GET, HEAD'],
    ['patch', '/database', 'GET, DELETE'],
    ['delete', '/healthz', 'GET, HEAD'],
  ] as const)('when %s %s, then 405 with an Allow header', async (method, path, allowed) => {
    const res = await app.api[method](path).expect(405);

    expect(res.headers.allow).toBe(allowed);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(405);
  });

  test('when X-Request-Id is not sane, then a UUID is generated instead', async () => {
    const res = await app.api
      .get('/healthz')
      .set('X-Request-Id', 'bad id with spaces and <script>')
      .expect(200);

    expect(res.headers['x-request-id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  test('when the database fails during a request, then 500 problem+json without internals, and the error is logged', async () => {
    await app.dataSource.query('DROP TABLE post_tags');

    const res = await app.api.get('/tweets').set('X-Request-Id', 'req-500').expect(500);

    expect(res.body).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'The server could not complete the request; it has been logged.',
      instance: 'req-500',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/post_tags|SQLITE|stack/i);
    const logged = app.logs.find((line) => line['event.action'] === 'http.error');
    expect(logged).toMatchObject({ 'log.level': 'error' });
  });

  test('when the database cannot answer, then /readyz is 503 naming the failed check and /healthz stays 200', async () => {
    await app.dataSource.destroy();

    const ready = await app.api.get('/readyz').expect(503);
    await app.api.get('/healthz').expect(200, { status: 'ok' });

    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(ready.body.checks.database).toMatch(/^failed: /);
    await app.dataSource.initialize();
  });

  test('when the app answers, then JSON is UTF-8 and security headers are set', async () => {
    const res = await app.api.get('/readyz').expect(200);

    expect(res.body).toEqual({ status: 'ready', checks: { database: 'ok' } });
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
