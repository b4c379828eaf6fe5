import { openStore } from '../../src/service';
import { testDatabaseSettings } from '../helpers/database';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app';
import { syntheticPages } from '../../bench/synthetic';
import { seed } from '../helpers/seed';
import { query } from '../../src/repositories/sql';

/** The aggregates recomputed from the base tables, the slow way the counters must always equal. */
async function recount(app: TestApp) {
  const q = <T>(sql: string) => query<T>(app.dataSource.manager, sql);
  const perTagLang = await q<{ tag: string; lang: string; posts: number }>(
    'SELECT pt.tag, p.lang, COUNT(*) AS posts FROM post_tags pt JOIN posts p ON p.id = pt.post_id GROUP BY pt.tag, p.lang',
  );
  const perCountry = await q<{ country: string | null; posts: number }>(
    'SELECT country, COUNT(*) AS posts FROM posts GROUP BY country',
  );
  const perHour = await q<{ hour: string; posts: number }>(
    'SELECT substr(created_at, 12, 2) AS hour, COUNT(*) AS posts FROM posts GROUP BY hour',
  );
  const perAuthor = await q<{ username: string; posts: number }>(
    'SELECT a.username, COUNT(*) AS posts FROM posts p JOIN authors a ON a.id = p.author_id GROUP BY a.username',
  );
  const perLang = await q<{ lang: string; posts: number }>(
    'SELECT lang, COUNT(*) AS posts FROM posts GROUP BY lang',
  );
  const perDay = await q<{ day: string; posts: number }>(
    'SELECT substr(created_at, 1, 10) AS day, COUNT(*) AS posts FROM posts GROUP BY day',
  );
  const perTagDay = await q<{ tag: string; day: string; posts: number }>(
    'SELECT tag, substr(created_at, 1, 10) AS day, COUNT(*) AS posts FROM post_tags GROUP BY tag, day',
  );
  const texts = await q<{ post_id: string; tag: string; text: string }>(
    'SELECT pt.post_id, pt.tag, p.text FROM post_tags pt JOIN posts p ON p.id = pt.post_id',
  );
  return { perTagLang, perCountry, perHour, perAuthor, perLang, perDay, perTagDay, texts };
}

type Truth = Awaited<ReturnType<typeof recount>>;
const RANGE = 'interval=day&from=2026-11-01&to=2026-12-01';

/** The summaries of issue 17 against the same recount: languages, days (all and per tag), search. */
async function expectSummariesEqualRecount(app: TestApp, truth: Truth) {
  const perLang = (await app.api.get('/tweets_per_language').expect(200)).body.tweets_per_language;
  expect(perLang).toEqual(
    truth.perLang
      .map((r) => ({ lang: r.lang, tweets: Number(r.posts) }))
      .sort((a, b) => b.tweets - a.tweets || a.lang.localeCompare(b.lang)),
  );
  for (const tag of ['#devops', '#sre']) {
    const byTag = (await app.api.get(`/tweets_per_language?tag=${encodeURIComponent(tag)}`).expect(200)).body;
    const expected = truth.perTagLang.filter((r) => r.tag === tag).map((r) => `${r.lang} ${Number(r.posts)}`);
    expect(
      byTag.tweets_per_language.map((r: { lang: string; tweets: number }) => `${r.lang} ${r.tweets}`).sort(),
    ).toEqual(expected.sort());
    const days = (await app.api.get(`/tweets_over_time?${RANGE}&tag=${encodeURIComponent(tag)}`).expect(200))
      .body;
    expect(nonZeroDays(days.tweets_over_time)).toEqual(
      Object.fromEntries(truth.perTagDay.filter((r) => r.tag === tag).map((r) => [r.day, Number(r.posts)])),
    );
  }
  const days = (await app.api.get(`/tweets_over_time?${RANGE}`).expect(200)).body.tweets_over_time;
  expect(days).toHaveLength(30);
  expect(nonZeroDays(days)).toEqual(Object.fromEntries(truth.perDay.map((r) => [r.day, Number(r.posts)])));

  const word = 'sre';
  const found: { id: string; rash: string }[] = [];
  for (let cursor = ''; ;) {
    const page = (await app.api.get(`/tweets?q=${word}&limit=200${cursor}`).expect(200)).body;
    found.push(...page.tweets);
    if (!page.next_cursor) break;
    cursor = `&cursor=${page.next_cursor}`;
  }
  const tokens = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const expected = truth.texts
    .filter((r) => tokens(r.text).includes(word))
    .map((r) => `${r.post_id} ${r.tag}`);
  if (truth.texts.length > 0) expect(expected.length).toBeGreaterThan(0);
  expect(found.map((t) => `${t.id} ${t.rash}`).sort()).toEqual(expected.sort());
}

const nonZeroDays = (buckets: { start: string; tweets: number }[]) =>
  Object.fromEntries(buckets.filter((b) => b.tweets > 0).map((b) => [b.start.slice(0, 10), b.tweets]));

async function expectAggregatesEqualRecount(app: TestApp) {
  const truth = await recount(app);
  const perTag = (await app.api.get('/tweets_per_tag').expect(200)).body.tweets_per_tags.flat();
  const perCountry = (await app.api.get('/tweets_per_country').expect(200)).body.tweets_per_country;
  const perHour = (await app.api.get('/tweets_per_hour').expect(200)).body.tweets_per_hour;
  const authors = (await app.api.get('/tweets?order_by_followers_desc=1000').expect(200)).body.authors;

  const sortBy = <T>(rows: T[], key: (row: T) => string) =>
    [...rows].sort((a, b) => key(a).localeCompare(key(b)));
  expect(
    sortBy(
      perTag.map((r: { rash: string; lang: string; tweets: number }) => `${r.rash} ${r.lang} ${r.tweets}`),
      String,
    ),
  ).toEqual(
    sortBy(
      truth.perTagLang.map((r) => `${r.tag} ${r.lang} ${Number(r.posts)}`),
      String,
    ),
  );
  expect(
    sortBy(
      perCountry.map((r: { country: string | null; tweets: number }) => `${r.country} ${r.tweets}`),
      String,
    ),
  ).toEqual(
    sortBy(
      truth.perCountry.map((r) => `${r.country} ${Number(r.posts)}`),
      String,
    ),
  );
  const hours = Object.fromEntries(truth.perHour.map((r) => [`${r.hour}:00`, Number(r.posts)]));
  expect(perHour).toEqual(
    perHour.map((h: { at_hour: string }) => ({ at_hour: h.at_hour, tweets: hours[h.at_hour] ?? 0 })),
  );
  expect(
    sortBy(
      authors.map((a: { username: string; tweets: number }) => `${a.username} ${a.tweets}`),
      String,
    ),
  ).toEqual(
    sortBy(
      truth.perAuthor.map((r) => `${r.username} ${Number(r.posts)}`),
      String,
    ),
  );
  await expectSummariesEqualRecount(app, truth);
  return truth;
}

describe('aggregates maintained on write', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await buildTestApp();
  });
  afterEach(() => app.close());

  test('when pages are stored, stored again, partly overlapping, and the database is dropped, then every aggregate equals a full recount', async () => {
    const pages = [...syntheticPages(3_000, { seed: 7, authors: 120 })];
    for (const { tag, page } of pages) await seed(app.store, tag, page);
    const first = await expectAggregatesEqualRecount(app);
    expect(first.perTagLang.length).toBeGreaterThan(50);

    // A re-collection returns the same pages again, and the same posts under other tags.
    for (const { tag, page } of pages.slice(0, 20)) await seed(app.store, tag, page);
    for (const { page } of pages.slice(0, 5)) await seed(app.store, '#sre', page);
    await expectAggregatesEqualRecount(app);

    await app.api.delete('/database').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
    const empty = await expectAggregatesEqualRecount(app);
    expect(empty.perCountry).toEqual([]);

    for (const { tag, page } of pages.slice(0, 10)) await seed(app.store, tag, page);
    await expectAggregatesEqualRecount(app);
  });
});

describe('cached aggregate answers', () => {
  test('when another process writes to the same database file, then the next answer includes its posts', async () => {
    const app = await buildTestApp();
    const [first, second] = [...syntheticPages(200, { seed: 3 })];
    await seed(app.store, first!.tag, first!.page);
    const before = (await app.api.get('/tweets_per_country').expect(200)).body.tweets_per_country;
    await app.api.get('/tweets_per_country').expect(200);

    const other = await openStore(await testDatabaseSettings(app.config.databasePath));
    await seed(other, second!.tag, second!.page);
    await other.close();
    const after = (await app.api.get('/tweets_per_country').expect(200)).body.tweets_per_country;

    const total = (rows: { tweets: number }[]) => rows.reduce((sum, row) => sum + row.tweets, 0);
    expect(total(after)).toBe(total(before) + second!.page.data!.length);
    await expectAggregatesEqualRecount(app);
    await app.close();
  });
});
