import type { Problem } from '../../clients/typescript';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { seed } from '../helpers/seed';
import { spec } from '../helpers/spec';
import { clientTestApp, expectedProblem, type ClientTestApp } from '../helpers/typed-client';

describe('the generated TypeScript client against the running app: reads', () => {
  let it: ClientTestApp;
  beforeAll(async () => {
    it = await clientTestApp({ env: { TAGS: '#devops,#sre' } });
    const ada = buildUser({ name: 'Ada', username: 'ada', public_metrics: { followers_count: 7 } });
    const post = buildPost({
      author: ada,
      text: 'ship it',
      created_at: '2026-11-20T10:00:00.000Z',
      lang: 'en',
    });
    await seed(it.app.store, '#devops', buildPage([post], { users: [ada] }));
  });
  afterAll(() => it.close());

  test('when the posts are listed, then data is the typed page, and with order_by_followers_desc the top authors', async () => {
    const page = await it.api.GET('/tweets', { params: { query: { limit: 1 } } });
    const authors = await it.api.GET('/tweets', { params: { query: { order_by_followers_desc: 1 } } });

    expect(page.data).toEqual({
      tweets: [expect.objectContaining({ tweet: 'ship it', rash: '#devops' })],
      next_cursor: null,
    });
    expect(authors.data).toEqual({ authors: [{ author: 'Ada', username: 'ada', followers: 7, tweets: 1 }] });
  });

  test('when a parameter is refused, then error is the typed problem+json and data is undefined', async () => {
    const { data, error, response } = await it.api.GET('/tweets', { params: { query: { limit: 0 } } });
    const typed: Problem | undefined = error;

    expect(data).toBeUndefined();
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(typed).toEqual(expectedProblem(400, 'Bad Request', 'limit: must be an integer from 1 to 1000'));
  });

  test('when each aggregate is asked for, then data is its typed body', async () => {
    const { api } = it;
    const perHour = await api.GET('/tweets_per_hour', { params: { query: { tz: 'Asia/Kathmandu' } } });
    const perTag = await api.GET('/tweets_per_tag');
    const perCountry = await api.GET('/tweets_per_country');
    const perLanguage = await api.GET('/tweets_per_language', { params: { query: { tag: 'devops' } } });
    const overTime = await api.GET('/tweets_over_time', {
      params: { query: { interval: 'day', from: '2026-11-20', to: '2026-11-21', tz: 'UTC' } },
    });
    const badZone = await api.GET('/tweets_per_hour', { params: { query: { tz: 'Mars/Olympus' } } });

    expect(perHour.data?.tweets_per_hour.filter((hour) => hour.tweets > 0)).toEqual([
      { at_hour: '15:00', tweets: 1 },
    ]);
    expect(perTag.data).toEqual({ tweets_per_tags: [[{ rash: '#devops', lang: 'en', tweets: 1 }], []] });
    expect(perCountry.data).toEqual({
      tweets_per_country: [{ country: null, country_name: null, tweets: 1 }],
    });
    expect(perLanguage.data).toEqual({ tweets_per_language: [{ lang: 'en', tweets: 1 }] });
    expect(overTime.data).toEqual({ tweets_over_time: [{ start: '2026-11-20T00:00:00+00:00', tweets: 1 }] });
    expect(badZone.error?.status).toBe(400);
    expect(badZone.error?.detail).toContain('tz');
  });

  test('when a read is asked again with its ETag, then the answer is a 304 without a body', async () => {
    const first = await it.api.GET('/tweets_per_tag');
    const etag = first.response.headers.get('etag')!;
    // fetch adds Cache-Control: no-cache to a request carrying If-None-Match; the answer is still 304
    const again = await it.api.GET('/tweets_per_tag', { params: { header: { 'if-none-match': etag } } });

    expect(again.response.status).toBe(304);
    expect(again.data).toBeUndefined();
  });

  test('when the operations endpoints are asked for, then each answers its typed body', async () => {
    const { api } = it;
    const health = await api.GET('/healthz');
    const ready = await api.GET('/readyz');
    const metrics = await api.GET('/metrics', { parseAs: 'text' });
    const document = await api.GET('/openapi.json');
    const docs = await api.GET('/docs', { redirect: 'manual', parseAs: 'text' });

    expect(health.data).toEqual({ status: 'ok' });
    expect(ready.data).toEqual({ status: 'ready', checks: { database: 'ok' } });
    expect(metrics.data).toContain('# TYPE twitterapi_');
    expect(document.data).toEqual(spec);
    expect([docs.response.status, docs.response.headers.get('location')]).toEqual([301, '/docs/']);
  });

  test('when the live page and its event stream are opened, then the page is HTML and the stream starts with retry', async () => {
    const page = await it.api.GET('/', { parseAs: 'text' });
    const events = await it.api.GET('/live/events', {
      params: { query: { tag: 'devops' } },
      parseAs: 'stream',
    });
    const reader = events.data!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const refused = await it.api.GET('/live/events', { params: { query: { last_event_id: 'x' } } });

    expect(page.response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.data).toContain('<!doctype html>');
    expect(events.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(first).toMatch(/^retry: \d+\n/);
    expect(refused.error).toEqual(
      expectedProblem(400, 'Bad Request', 'last_event_id: must be the id of an event this stream sent'),
    );
  });
});
