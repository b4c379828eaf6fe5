import { query } from '../../src/repositories/sql';
import { startEmulator } from '../../emulator/server';
import { ADMIN_TOKEN, type TestApp } from '../helpers/app';
import { BEARER, buildAppOnEmulator, postsOf, sampleCorpus, storedIdsByTag } from './x-api-helpers';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
type Faults = Parameters<Awaited<ReturnType<typeof startEmulator>>['setFaults']>[0];
type TagSummary = {
  tag: string;
  status: string;
  returned: number;
  new_posts: number;
  pages: number;
  error: string | null;
};

describe('X API faults', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let app: TestApp;

  async function collect(faults: Faults, env: Record<string, string> = {}) {
    emulator = await startEmulator({ corpus: sampleCorpus(), port: 0, bearerToken: BEARER, faults });
    app = await buildAppOnEmulator(emulator.url, { TAGS: '#devops,#sre', COLLECT_CONCURRENCY: '1', ...env });
    return app.api.get('/database').set(auth);
  }
  const tagsOf = (body: { summary: { tags: TagSummary[] } }) =>
    Object.fromEntries(body.summary.tags.map((tag) => [tag.tag, tag]));
  const searches = () => emulator.requests.filter((request) => request.path === '/2/tweets/search/recent');

  afterEach(async () => {
    await app?.close();
    await emulator?.close();
  });

  test('when a 429 resets within COLLECT_MAX_WAIT_SECONDS, then the collector waits and completes every tag', async () => {
    const started = Date.now();
    const res = await collect(
      { rateLimitAfter: 1, rateLimitResetSeconds: 1 },
      { COLLECT_MAX_WAIT_SECONDS: '5' },
    );

    expect(res.status).toBe(200);
    const tags = tagsOf(res.body);
    expect(tags['#devops']).toMatchObject({ status: 'ok', returned: 100 });
    expect(tags['#sre']).toMatchObject({ status: 'ok', returned: 100 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(
      app.logs.some((line) => line['event.action'] === 'x_api.retry' && line.reason === 'rate_limited'),
    ).toBe(true);
  });

  test('when a 429 resets later than COLLECT_MAX_WAIT_SECONDS, then that tag stops as rate_limited and keeps what it has', async () => {
    const res = await collect(
      { rateLimitAfter: 1, rateLimitResetSeconds: 900 },
      { COLLECT_MAX_WAIT_SECONDS: '2', TWEETS_PER_TAG: '150' },
    );

    expect(res.status).toBe(502);
    const tags = tagsOf(res.body);
    expect(tags['#devops']).toMatchObject({
      status: 'rate_limited',
      returned: 100,
      pages: 1,
      incomplete: true,
    });
    expect(tags['#devops']!.error).toMatch(/^rate limited by the X API until .*COLLECT_MAX_WAIT_SECONDS=2/);
    expect(tags['#sre']).toMatchObject({ status: 'rate_limited', returned: 0, incomplete: false });
    expect(res.body.detail).toBe('no tag could be collected: #devops (rate_limited), #sre (rate_limited)');
    expect((await storedIdsByTag(app)).get('#devops')).toHaveLength(100);
    expect(res.body.summary.outcome).toBe('failed');
  });

  test('when the X API answers 503 twice, then the request is retried and the tag completes', async () => {
    const res = await collect({ unavailableNext: 2 });

    expect(tagsOf(res.body)['#devops']).toMatchObject({ status: 'ok', returned: 100 });
    expect(searches().length).toBe(2 + 2);
    const metrics = (await app.api.get('/metrics')).text;
    expect(metrics).toMatch(/^twitterapi_x_api_requests_total\{endpoint="search_recent",status="503"\} 2$/m);
    expect(metrics).toMatch(/^twitterapi_x_api_requests_total\{endpoint="search_recent",status="200"\} 2$/m);
  });

  test('when the X API keeps answering 503, then the tag is failed after 4 attempts and the other tag is not', async () => {
    const res = await collect({ unavailableNext: 4 });

    const tags = tagsOf(res.body);
    expect(tags['#devops']).toMatchObject({ status: 'failed', returned: 0 });
    expect(tags['#devops']!.error).toMatch(/503.*attempt 4 of 4/);
    expect(tags['#sre']).toMatchObject({ status: 'ok', returned: 100 });
    expect(res.body.summary.outcome).toBe('partial');
  });

  test.each([
    ['a request that hangs past X_API_TIMEOUT_MS', { hangNext: 1 }, 'timeout'],
    ['a truncated JSON body', { truncateNext: 1 }, 'invalid_body'],
    ['an HTML body with status 200', { nonJsonNext: 1 }, 'invalid_body'],
  ])('when %s, then it is retried and the tag completes', async (_name, faults, status) => {
    const res = await collect(faults, { X_API_TIMEOUT_MS: '300' });

    expect(tagsOf(res.body)['#devops']).toMatchObject({ status: 'ok', returned: 100 });
    expect((await app.api.get('/metrics')).text).toMatch(
      new RegExp(`^twitterapi_x_api_requests_total\\{endpoint="search_recent",status="${status}"\\} 1$`, 'm'),
    );
  });

  test.each([
    ['401', { unauthorized: true }, /check TWITTER_BEARER_TOKEN/],
    [
      '403 client-not-enrolled',
      { forbidden: 'client-not-enrolled' },
      /client-not-enrolled.*attach it to a Project/,
    ],
    ['429 UsageCapExceeded', { usageCapExceeded: true }, /usage cap.*upgrade the access tier/],
  ])(
    'when the X API answers %s, then the run stops at once and GET /database is a 502 saying what to fix',
    async (_name, faults, detail) => {
      const res = await collect(faults as Faults);

      expect(res.status).toBe(502);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.detail).toMatch(detail);
      expect(res.body.summary.outcome).toBe('failed');
      expect(res.body.summary.tags.map((tag: TagSummary) => tag.status)).toEqual(['failed', 'cancelled']);
      expect(searches()).toHaveLength(1);
      expect(JSON.stringify(res.body)).not.toContain(BEARER);
    },
  );

  test('when a 200 page carries partial errors, then they are logged and the page is kept', async () => {
    const res = await collect({ partialErrorsOnPage: true });

    expect(tagsOf(res.body)['#devops']).toMatchObject({ status: 'ok', returned: 100 });
    expect(
      app.logs.some((line) => line['event.action'] === 'x_api.partial_errors' && line.tag === '#devops'),
    ).toBe(true);
  });

  test('when a tag fails in the middle of its pages, then the pages before the fault are kept', async () => {
    const res = await collect(
      { failAfterPages: { pages: 1, status: 500 } },
      { TWEETS_PER_TAG: '150', COLLECT_CONCURRENCY: '1', TAGS: '#devops' },
    );

    expect(tagsOf(res.body)['#devops']).toMatchObject({
      status: 'failed',
      returned: 100,
      new_posts: 100,
      pages: 1,
    });
    const expected = postsOf(sampleCorpus(), '#devops')
      .slice(0, 100)
      .map((post) => post.id);
    expect((await storedIdsByTag(app)).get('#devops')).toEqual(expected);
  });

  test('when the stored since_id is older than 7 days, then the tag falls back to a plain query', async () => {
    emulator = await startEmulator({ corpus: sampleCorpus(), port: 0, bearerToken: BEARER });
    app = await buildAppOnEmulator(emulator.url, { TAGS: '#devops' });
    // A snowflake id from 2026-01-01: its time is in the id, and recent search refuses it.
    const oldId = ((BigInt(Date.parse('2026-01-01T00:00:00Z')) - 1288834974657n) << 22n).toString();
    await query(
      app.dataSource.manager,
      "INSERT INTO post_tags (post_id, tag, created_at) VALUES (:oldId, '#devops', '2026-01-01T00:00:00.000Z')",
      { oldId },
    );

    const res = await app.api.get('/database').set(auth).expect(200);

    expect(tagsOf(res.body)['#devops']).toMatchObject({ status: 'ok', returned: 100, new_posts: 100 });
    expect(searches().map((request) => request.query.since_id)).toEqual([oldId, undefined]);
  });

  test('when consumer key and secret are configured, then a bearer token is obtained once and used', async () => {
    emulator = await startEmulator({
      corpus: sampleCorpus(),
      port: 0,
      consumerKey: 'ck',
      consumerSecret: 'cs',
    });
    const { buildTestApp } = await import('../helpers/app');
    const { createXApiSource } = await import('../../src/collector/sources/x-api');
    app = await buildTestApp({
      env: {
        TAGS: '#devops,#sre',
        TWEET_SOURCE: 'x-api',
        TWITTER_CONSUMER_KEY: 'ck',
        TWITTER_CONSUMER_SECRET: 'cs',
        TWITTER_API_BASE_URL: emulator.url,
      },
      source: ({ config, logger, metrics }) =>
        createXApiSource({ ...config.xApi, maxWaitSeconds: 1, logger, metrics }),
    });

    const res = await app.api.get('/database').set(auth).expect(200);

    expect(res.body.summary.outcome).toBe('success');
    expect(emulator.requests.filter((request) => request.path === '/oauth2/token')).toHaveLength(1);
  });
});
