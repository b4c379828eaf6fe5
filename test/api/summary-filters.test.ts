import { buildTestApp, type TestApp } from '../helpers/app';
import { buildPage, buildPlace, buildPost, buildUser } from '../helpers/factories';
import { seed } from '../helpers/seed';

/** 24 hours of tweets_per_hour with the given counts, zero elsewhere. */
const hours = (counts: Record<number, number>) =>
  Array.from({ length: 24 }, (_, hour) => ({
    at_hour: `${String(hour).padStart(2, '0')}:00`,
    tweets: counts[hour] ?? 0,
  }));

describe('summary filters', () => {
  let app: TestApp;
  const ana = buildUser({
    name: 'Ana',
    public_metrics: { followers_count: 500, following_count: 1, tweet_count: 1, listed_count: 0 },
  });
  const bob = buildUser({
    name: 'Bob',
    public_metrics: { followers_count: 100, following_count: 1, tweet_count: 1, listed_count: 0 },
  });
  const cid = buildUser({
    name: 'Cid',
    public_metrics: { followers_count: 50, following_count: 1, tweet_count: 1, listed_count: 0 },
  });
  const pt = buildPlace({ country_code: 'PT' });
  const br = buildPlace({ country_code: 'BR', country: 'Brazil', full_name: 'Recife, Brazil' });
  const post = (author: typeof ana, lang: string, created_at: string, place?: typeof pt) =>
    buildPost({ author, lang, created_at, ...(place && { geo: { place_id: place.id } }) });
  const p1 = post(ana, 'en', '2026-11-20T10:05:00.000Z', pt);
  const p2 = post(ana, 'pt', '2026-11-20T23:30:00.000Z', br);
  const p3 = post(bob, 'en', '2026-11-21T01:00:00.000Z');
  const p4 = post(bob, 'en', '2026-11-19T12:00:00.000Z', pt);
  const p5 = post(cid, 'pt', '2026-11-21T10:00:00.000Z', br);

  beforeEach(async () => {
    app = await buildTestApp({ env: { TAGS: '#devops,#sre' } });
    const includes = { users: [ana, bob, cid], places: [pt, br] };
    await seed(app.store, '#devops', buildPage([p1, p2, p4, p5], includes));
    await seed(app.store, '#sre', buildPage([p1, p3, p5], includes));
  });
  afterEach(() => app.close());

  const get = async (path: string) => (await app.api.get(path).expect(200)).body as unknown;

  test('when /tweets_per_tag is filtered, then each tag counts its matching posts per language', async () => {
    expect(await get('/tweets_per_tag?lang=en')).toEqual({
      tweets_per_tags: [
        [{ rash: '#devops', lang: 'en', tweets: 2 }],
        [{ rash: '#sre', lang: 'en', tweets: 2 }],
      ],
    });
    expect(await get('/tweets_per_tag?tag=SRE&from=2026-11-21')).toEqual({
      tweets_per_tags: [
        [
          { rash: '#sre', lang: 'en', tweets: 1 },
          { rash: '#sre', lang: 'pt', tweets: 1 },
        ],
      ],
    });
    expect(await get('/tweets_per_tag?tag=sre&from=2026-11-21&tz=America/Sao_Paulo')).toEqual({
      tweets_per_tags: [[{ rash: '#sre', lang: 'pt', tweets: 1 }]],
    });
    expect(await get('/tweets_per_tag?tag=oauth')).toEqual({ tweets_per_tags: [[]] });
  });

  test('when /tweets_per_country is filtered, then each matching post counts once, unknown as null', async () => {
    expect(await get('/tweets_per_country?lang=pt')).toEqual({
      tweets_per_country: [{ country: 'BR', country_name: 'Brazil', tweets: 2 }],
    });
    expect(await get('/tweets_per_country?tag=devops&to=2026-11-21')).toEqual({
      tweets_per_country: [
        { country: 'PT', country_name: 'Portugal', tweets: 2 },
        { country: 'BR', country_name: 'Brazil', tweets: 1 },
      ],
    });
    expect(await get('/tweets_per_country?from=2026-11-20&to=2026-11-21T12:00:00Z')).toEqual({
      tweets_per_country: [
        { country: 'BR', country_name: 'Brazil', tweets: 2 },
        { country: null, country_name: null, tweets: 1 },
        { country: 'PT', country_name: 'Portugal', tweets: 1 },
      ],
    });
  });

  test('when /tweets_per_hour is filtered, then the matching posts are counted in the hours of tz', async () => {
    expect(await get('/tweets_per_hour?tag=sre')).toEqual({ tweets_per_hour: hours({ 1: 1, 10: 2 }) });
    expect(await get('/tweets_per_hour?lang=pt&tz=Asia/Kathmandu')).toEqual({
      tweets_per_hour: hours({ 5: 1, 15: 1 }),
    });
    expect(await get('/tweets_per_hour?from=2026-11-20&to=2026-11-21')).toEqual({
      tweets_per_hour: hours({ 10: 1, 23: 1 }),
    });
    expect(await get('/tweets_per_hour?from=2026-11-20&to=2026-11-21&tz=America/Sao_Paulo')).toEqual({
      tweets_per_hour: hours({ 7: 1, 20: 1, 22: 1 }),
    });
  });

  test('when /tweets_per_language is filtered, then each matching post counts once per language', async () => {
    expect(await get('/tweets_per_language?from=2026-11-21')).toEqual({
      tweets_per_language: [
        { lang: 'en', tweets: 1 },
        { lang: 'pt', tweets: 1 },
      ],
    });
    expect(await get('/tweets_per_language?tag=devops&lang=en')).toEqual({
      tweets_per_language: [{ lang: 'en', tweets: 2 }],
    });
    expect(await get('/tweets_per_language?tag=devops&to=2026-11-20T12:10:00%2B02:00')).toEqual({
      tweets_per_language: [{ lang: 'en', tweets: 2 }],
    });
  });

  test('when /tweets_over_time is given lang, then each bucket counts the posts in that language', async () => {
    const days = (counts: number[]) => ({
      tweets_over_time: counts.map((tweets, day) => ({
        start: `2026-11-${19 + day}T00:00:00+00:00`,
        tweets,
      })),
    });
    expect(await get('/tweets_over_time?interval=day&from=2026-11-19&to=2026-11-22&lang=en')).toEqual(
      days([1, 1, 1]),
    );
    expect(await get('/tweets_over_time?interval=day&from=2026-11-19&to=2026-11-22&lang=pt&tag=sre')).toEqual(
      days([0, 0, 1]),
    );
  });

  test('when the top authors are filtered, then they rank the authors of the matching posts and count those', async () => {
    const author = (user: typeof ana, tweets: number) => ({
      author: user.name,
      username: user.username,
      followers: user.public_metrics?.followers_count,
      tweets,
    });
    expect(await get('/tweets?order_by_followers_desc=5')).toEqual({
      authors: [author(ana, 2), author(bob, 2), author(cid, 1)],
    });
    expect(await get('/tweets?order_by_followers_desc=2&lang=pt')).toEqual({
      authors: [author(ana, 1), author(cid, 1)],
    });
    expect(await get('/tweets?order_by_followers_desc=5&tag=sre&from=2026-11-21')).toEqual({
      authors: [author(bob, 1), author(cid, 1)],
    });
    expect(await get('/tweets?order_by_followers_desc=5&from=2026-11-20&to=2026-11-21')).toEqual({
      authors: [author(ana, 2)],
    });
  });

  test('when /tweets is given from and to, then only entries created in that range are listed', async () => {
    const page = (await get('/tweets?tag=devops&from=2026-11-20&to=2026-11-21')) as {
      tweets: { id: string }[];
    };
    expect(page.tweets.map((entry) => entry.id)).toEqual([p2.id, p1.id]);
  });

  test.each([
    '/tweets_per_tag',
    '/tweets_per_country',
    '/tweets_per_language',
    '/tweets?order_by_followers_desc=3',
  ])('when %s is given only a time zone, then it answers byte for byte as without one', async (path) => {
    const plain = await app.api.get(path).expect(200);
    const zoned = await app.api.get(`${path}${path.includes('?') ? '&' : '?'}tz=Asia/Tokyo`).expect(200);
    expect(zoned.text).toBe(plain.text);
    expect(zoned.headers.etag).toBe(plain.headers.etag);
  });
});
