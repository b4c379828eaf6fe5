import { buildTestApp, type TestApp } from '../helpers/app';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { seed } from '../helpers/seed';

const metricValue = (text: string, name: string) => {
  const line = text.split('\n').find((row) => row.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
};

/** Spellings of a `from` inside the hour 2026-11-20 00:00 UTC: one range of buckets. */
const sameFirstHour = [
  '2026-11-20',
  '2026-11-20T00:00Z',
  '2026-11-20T00:00:00Z',
  '2026-11-20T00:00:00.000Z',
  '2026-11-20T01:00+01:00',
  '2026-11-19T19:00:00-05:00',
  ...Array.from({ length: 60 }, (_, minute) => `2026-11-20T00:${String(minute).padStart(2, '0')}:17.5Z`),
];

describe('GET /tweets_over_time in the read cache', () => {
  let app: TestApp;
  afterEach(() => app.close());

  const seedPosts = async () => {
    const user = buildUser();
    const posts = ['2026-11-20T00:10:00.000Z', '2026-11-20T02:30:00.000Z', '2026-11-21T05:00:00.000Z'].map(
      (created_at) => buildPost({ author: user, created_at }),
    );
    await seed(app.store, '#devops', buildPage(posts, { users: [user] }));
  };
  const cacheMetrics = async () => {
    const text = (await app.api.get('/metrics').expect(200)).text;
    return {
      bytes: metricValue(text, 'twitterapi_read_cache_bytes')!,
      evictions: metricValue(text, 'twitterapi_read_cache_evictions_total')!,
    };
  };

  test('when from is spelled many ways inside the same first hour, then every answer is the same one cache entry', async () => {
    app = await buildTestApp();
    await seedPosts();
    const ask = (from: string) =>
      app.api.get('/tweets_over_time').query({ interval: 'hour', from, to: '2026-11-20T04:00Z' }).expect(200);

    const first = await ask(sameFirstHour[0]!);
    const one = await cacheMetrics();
    const answers = [];
    for (const from of sameFirstHour) answers.push((await ask(from)).text);

    expect(first.body.tweets_over_time).toEqual([
      { start: '2026-11-20T00:00:00+00:00', tweets: 1 },
      { start: '2026-11-20T01:00:00+00:00', tweets: 0 },
      { start: '2026-11-20T02:00:00+00:00', tweets: 1 },
      { start: '2026-11-20T03:00:00+00:00', tweets: 0 },
    ]);
    expect(new Set(answers)).toEqual(new Set([first.text]));
    expect(one.bytes).toBeGreaterThan(first.text.length);
    expect(await cacheMetrics()).toEqual({ bytes: one.bytes, evictions: 0 });
  });

  test('when many distinct ranges are asked for, then the cache holds no more than READ_CACHE_MAX_BYTES', async () => {
    const budget = 64 * 1024;
    app = await buildTestApp({ env: { READ_CACHE_MAX_BYTES: String(budget) } });
    await seedPosts();

    for (let day = 0; day < 200; day++) {
      const from = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      await app.api.get('/tweets_over_time').query({ interval: 'day', from, to: '2026-12-01' }).expect(200);
    }
    const { bytes, evictions } = await cacheMetrics();

    expect(bytes).toBeGreaterThan(budget / 2);
    expect(bytes).toBeLessThanOrEqual(budget);
    expect(evictions).toBeGreaterThan(150);
  });
});
