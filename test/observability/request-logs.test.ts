import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { pagesSource } from '../helpers/sources';

describe('log lines of requests and collections', () => {
  let app: TestApp;
  const user = buildUser();
  beforeEach(async () => {
    app = await buildTestApp({
      env: { TAGS: '#devops' },
      source: pagesSource({ '#devops': [buildPage([buildPost({ author: user })], { users: [user] })] }),
    });
  });
  afterEach(() => app.close());
  const requestLines = () => app.logs.filter((line) => line['event.action'] === 'http.request');

  test('when a request ends, then one ECS line has its id, method, route, path, status, duration, client and agent', async () => {
    await app.api.get('/tweets?limit=5').set('X-Request-Id', 'abc-1').set('User-Agent', 'jest/1').expect(200);

    expect(requestLines()).toEqual([
      expect.objectContaining({
        'log.level': 'info',
        'service.name': 'twitter-api',
        request_id: 'abc-1',
        'http.request.id': 'abc-1',
        'http.request.method': 'GET',
        route: '/tweets',
        'url.path': '/tweets',
        'http.response.status_code': 200,
        'event.duration': expect.any(Number),
        'client.ip': expect.stringMatching(/127\.0\.0\.1/),
        'user_agent.original': 'jest/1',
        '@timestamp': expect.stringMatching(/Z$/),
      }),
    ]);
  });

  test('when requests fail with 4xx, then they are logged at warn with the unmatched route for 404s', async () => {
    await app.api.get('/tweets?limit=0').expect(400);
    await app.api.get('/no/such/path').expect(404);

    expect(
      requestLines().map((line) => [line['log.level'], line.route, line['http.response.status_code']]),
    ).toEqual([
      ['warn', '/tweets', 400],
      ['warn', 'unmatched', 404],
    ]);
  });

  test('when health endpoints answer, then they are logged at debug only', async () => {
    await app.api.get('/healthz').expect(200);
    await app.api.get('/readyz').expect(200);

    expect(requestLines().map((line) => line['log.level'])).toEqual(['debug', 'debug']);
  });

  test('when a request starts a collection, then the collector lines carry its request id, and no line holds the admin token', async () => {
    await app.api
      .get('/database')
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .set('X-Request-Id', 'collect-9')
      .expect(200);

    const collection = app.logs.filter((line) => String(line['event.action']).startsWith('collection.'));
    expect(collection.map((line) => line['event.action'])).toEqual([
      'collection.start',
      'collection.tag',
      'collection.end',
    ]);
    expect(collection.every((line) => line.request_id === 'collect-9')).toBe(true);
    expect(collection[2]).toMatchObject({
      outcome: 'success',
      summary: { tags: [{ tag: '#devops', status: 'ok', new_posts: 1 }] },
    });
    expect(JSON.stringify(app.logs)).not.toContain(ADMIN_TOKEN);
  });
});

describe('the client address in request lines', () => {
  let app: TestApp;
  afterEach(() => app.close());

  const loggedClient = async (env: Record<string, string>) => {
    app = await buildTestApp({ env, source: pagesSource({}) });
    await app.api.get('/tweets_per_country').set('X-Forwarded-For', '203.0.113.7').expect(200);
    return app.logs.find((line) => line['event.action'] === 'http.request')?.['client.ip'];
  };

  test('when a request comes through a proxy on loopback, then by default the forwarded client is logged', async () => {
    expect(await loggedClient({})).toBe('203.0.113.7');
  });

  test('when TRUST_PROXY=false, then the connection address is logged and X-Forwarded-For is ignored', async () => {
    expect(await loggedClient({ TRUST_PROXY: 'false' })).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });

  test('when TRUST_PROXY names other proxies only, then loopback is not believed', async () => {
    expect(await loggedClient({ TRUST_PROXY: '10.0.0.0/8' })).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });
});
