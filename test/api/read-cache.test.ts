import { createHash } from 'node:crypto';
import { syntheticPages } from '../../bench/synthetic';
import { buildTestApp, type TestApp } from '../helpers/app';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { seed } from '../helpers/seed';

const strongTagOf = (body: string) => `"${createHash('sha1').update(body, 'utf8').digest('base64url')}"`;

const metricValue = (text: string, name: string) => {
  const line = text.split('\n').find((row) => row.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
};

describe('the read cache', () => {
  let app: TestApp;
  afterEach(() => app.close());

  test.each([
    '/tweets?limit=2',
    '/tweets?order_by_followers_desc=2',
    '/tweets_per_hour?tz=Europe/Lisbon',
    '/tweets_per_tag',
    '/tweets_per_country',
  ])(
    'when GET %s is repeated with the ETag it answered, then 304 without a body until a write changes the answer',
    async (path) => {
      app = await buildTestApp();
      const user = buildUser({ public_metrics: { followers_count: 5 } });
      await seed(app.store, '#devops', buildPage([buildPost({ author: user })], { users: [user] }));

      const first = await app.api.get(path).expect(200);
      const etag = first.headers.etag as string;
      const again = await app.api.get(path).set('If-None-Match', etag).expect(304);
      const other = await app.api.get(path).set('If-None-Match', '"something-else"').expect(200);
      // fetch sends Cache-Control: no-cache with If-None-Match; the origin still answers the condition
      await app.api.get(path).set('If-None-Match', etag).set('Cache-Control', 'no-cache').expect(304);
      await app.api.get(path).set('If-None-Match', `"something-else", W/${etag}`).expect(304);
      await app.api.get(path).set('If-None-Match', '*').expect(304);
      const later = buildUser({ public_metrics: { followers_count: 9 } });
      await seed(
        app.store,
        '#sre',
        buildPage([buildPost({ author: later, created_at: '2026-11-20T11:00:00.000Z' })], { users: [later] }),
      );
      const changed = await app.api.get(path).set('If-None-Match', etag).expect(200);

      expect(etag).toBe(strongTagOf(first.text));
      expect({ etag: again.headers.etag, body: again.text }).toEqual({ etag, body: '' });
      expect(other.text).toBe(first.text);
      expect(changed.headers.etag).toBe(strongTagOf(changed.text));
      expect(changed.headers.etag).not.toBe(etag);
    },
  );

  test('when answers weigh more than READ_CACHE_MAX_BYTES, then it holds no more than that and counts what it evicts', async () => {
    const budget = 1024 * 1024;
    app = await buildTestApp({ env: { READ_CACHE_MAX_BYTES: String(budget) } });
    for (const { tag, page } of syntheticPages(1_200, { seed: 5 })) await seed(app.store, tag, page);

    const bodies = new Map<number, string>();
    for (let limit = 745; limit <= 1000; limit += 5) {
      bodies.set(limit, (await app.api.get(`/tweets?limit=${limit}`).expect(200)).text);
    }
    const metrics = (await app.api.get('/metrics').expect(200)).text;
    const again = await app.api.get('/tweets?limit=745').expect(200);

    // A page of ~1,000 entries weighs ~250 KB: the budget holds 4 of the 52 asked for.
    expect(Buffer.byteLength(bodies.get(995)!)).toBeGreaterThan(budget / 5);
    const held = metricValue(metrics, 'twitterapi_read_cache_bytes')!;
    expect(held).toBeGreaterThan(budget / 2);
    expect(held).toBeLessThanOrEqual(budget);
    expect(metricValue(metrics, 'twitterapi_read_cache_evictions_total')).toBeGreaterThanOrEqual(52 - 5);
    expect(again.text).toBe(bodies.get(745));
  });

  test('when top authors are asked for several N, then each answer is the first N of the longest', async () => {
    app = await buildTestApp();
    const authors = [300, 100, 500, 200, 400].map((followers, i) =>
      buildUser({ username: `author${i}`, public_metrics: { followers_count: followers } }),
    );
    await seed(
      app.store,
      '#devops',
      buildPage(
        authors.map((author) => buildPost({ author })),
        { users: authors },
      ),
    );

    const top = async (n: number) =>
      (await app.api.get(`/tweets?order_by_followers_desc=${n}`).expect(200)).body.authors as {
        username: string;
        followers: number;
      }[];
    const all = await top(1000);
    const two = await top(2);
    const four = await top(4);

    expect(all.map((author) => [author.username, author.followers])).toEqual([
      ['author2', 500],
      ['author4', 400],
      ['author0', 300],
      ['author3', 200],
      ['author1', 100],
    ]);
    expect(two).toEqual(all.slice(0, 2));
    expect(four).toEqual(all.slice(0, 4));
  });
});
