import { buildTestApp, type TestApp } from '../helpers/app';
import { buildPage, buildPlace, buildPost, buildUser } from '../helpers/factories';
import { seed } from '../helpers/seed';

describe('GET /tweets', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await buildTestApp();
  });
  afterEach(() => app.close());

  test('when posts are stored, then each post and tag is listed newest first with the original keys', async () => {
    const ana = buildUser({
      name: 'Ana 🚀',
      username: 'ana',
      location: 'Porto',
      public_metrics: { followers_count: 1200 },
    });
    const place = buildPlace({ country_code: 'BR' });
    const older = buildPost({
      author: ana,
      text: 'older #devops',
      created_at: '2026-11-20T09:00:00.000Z',
      lang: 'pt',
    });
    const newer = buildPost({
      author: ana,
      text: 'newer #devops #sre',
      created_at: '2026-11-20T10:30:00.000Z',
      geo: { place_id: place.id },
    });
    await seed(app.store, '#devops', buildPage([older, newer], { users: [ana], places: [place] }));
    await seed(app.store, '#sre', buildPage([newer], { users: [ana], places: [place] }));

    const res = await app.api
      .get('/tweets')
      .expect(200)
      .expect('content-type', /application\/json; charset=utf-8/);

    expect(res.body).toEqual({
      tweets: [
        {
          id: newer.id,
          tweet: 'newer #devops #sre',
          author: 'Ana 🚀',
          username: 'ana',
          followers: 1200,
          created: '2026-11-20T10:30:00.000Z',
          lang: 'en',
          country: 'BR',
          country_name: 'Brazil',
          rash: '#sre',
        },
        {
          id: newer.id,
          tweet: 'newer #devops #sre',
          author: 'Ana 🚀',
          username: 'ana',
          followers: 1200,
          created: '2026-11-20T10:30:00.000Z',
          lang: 'en',
          country: 'BR',
          country_name: 'Brazil',
          rash: '#devops',
        },
        {
          id: older.id,
          tweet: 'older #devops',
          author: 'Ana 🚀',
          username: 'ana',
          followers: 1200,
          created: '2026-11-20T09:00:00.000Z',
          lang: 'pt',
          country: 'PT',
          country_name: 'Portugal',
          rash: '#devops',
        },
      ],
      next_cursor: null,
    });
  });

  test('when a post has neither place nor author location, then its country is null', async () => {
    const user = buildUser();
    const post = buildPost({ author: user });
    await seed(app.store, '#devops', buildPage([post], { users: [user] }));

    const res = await app.api.get('/tweets').expect(200);

    expect(res.body.tweets[0].country).toBeNull();
  });

  test('when filtered by tag and lang, then only matching entries are listed', async () => {
    const user = buildUser();
    const en = buildPost({ author: user, lang: 'en' });
    const pt = buildPost({ author: user, lang: 'pt' });
    await seed(app.store, '#devops', buildPage([en, pt], { users: [user] }));
    await seed(app.store, '#sre', buildPage([en], { users: [user] }));

    const byTag = await app.api.get('/tweets?tag=DevOps').expect(200);
    const byBoth = await app.api.get('/tweets').query({ tag: '#devops', lang: 'pt' }).expect(200);

    expect(byTag.body.tweets.map((t: { id: string; rash: string }) => [t.id, t.rash])).toEqual([
      [pt.id, '#devops'],
      [en.id, '#devops'],
    ]);
    expect(byBoth.body.tweets.map((t: { id: string }) => t.id)).toEqual([pt.id]);
  });

  test('when paging with limit and cursor, then every entry comes exactly once, even with inserts between pages', async () => {
    const user = buildUser();
    const posts = Array.from({ length: 25 }, (_, i) =>
      buildPost({ author: user, created_at: new Date(Date.UTC(2026, 10, 20, 0, i)).toISOString() }),
    );
    await seed(app.store, '#devops', buildPage(posts, { users: [user] }));

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { tweets: { id: string }[]; next_cursor: string | null } } = await app.api
        .get('/tweets')
        .query({ limit: 10, ...(cursor && { cursor }) })
        .expect(200);
      seen.push(...res.body.tweets.map((t) => t.id));
      cursor = res.body.next_cursor;
      pages += 1;
      if (pages === 1) {
        // A newer post arriving between pages must not shift the following pages.
        await seed(
          app.store,
          '#devops',
          buildPage([buildPost({ author: user, created_at: '2026-11-21T00:00:00.000Z' })], { users: [user] }),
        );
      }
    } while (cursor);

    const expected = [...posts].reverse().map((post) => post.id);
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);
  });

  test.each([
    ['limit=0', 'limit: must be an integer from 1 to 1000'],
    ['limit=1001', 'limit: must be an integer from 1 to 1000'],
    ['limit=abc', 'limit: must be an integer from 1 to 1000'],
    ['limit=1&limit=2', 'limit: must be given once, as a single value'],
    ['cursor=not-a-cursor', 'cursor: must be a next_cursor value returned by this endpoint'],
    ['tag=%23no%20spaces', 'tag: must be a hashtag such as #devops or devops'],
    ['lang=english!', 'lang: must be a language code such as en, pt or und'],
    ['colour=red', 'unknown query parameter(s): colour'],
    ['order_by_followers_desc=0', 'order_by_followers_desc: must be an integer from 1 to 1000'],
    ['order_by_followers_desc=1001', 'order_by_followers_desc: must be an integer from 1 to 1000'],
    ['order_by_followers_desc=ten', 'order_by_followers_desc: must be an integer from 1 to 1000'],
    [
      'order_by_followers_desc=5&limit=3',
      'order_by_followers_desc: cannot be combined with limit, cursor or q',
    ],
  ])('when the query is %s, then 400 problem+json names the parameter', async (query, detail) => {
    const res = await app.api.get(`/tweets?${query}`).set('X-Request-Id', 'req-42').expect(400);

    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.body).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail,
      instance: 'req-42',
    });
  });
});

describe('GET /tweets?order_by_followers_desc=N', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await buildTestApp();
  });
  afterEach(() => app.close());

  test('when authors have several posts under several tags, then each author is listed once with their distinct post count', async () => {
    const big = buildUser({ name: 'Big', username: 'big', public_metrics: { followers_count: 5_000_000 } });
    const mid = buildUser({ name: 'Mid', username: 'mid', public_metrics: { followers_count: 3_000 } });
    const small = buildUser({ name: 'Small', username: 'small', public_metrics: { followers_count: 7 } });
    const shared = buildPost({ author: big });
    await seed(
      app.store,
      '#devops',
      buildPage(
        [shared, buildPost({ author: big }), buildPost({ author: mid }), buildPost({ author: small })],
        { users: [big, mid, small] },
      ),
    );
    await seed(app.store, '#sre', buildPage([shared], { users: [big] }));

    const res = await app.api.get('/tweets?order_by_followers_desc=2').expect(200);

    expect(res.body).toEqual({
      authors: [
        { author: 'Big', username: 'big', followers: 5_000_000, tweets: 2 },
        { author: 'Mid', username: 'mid', followers: 3_000, tweets: 1 },
      ],
    });
  });

  test('when an author is seen again with more followers, then the latest count is kept', async () => {
    const user = buildUser({ public_metrics: { followers_count: 10 } });
    await seed(app.store, '#devops', buildPage([buildPost({ author: user })], { users: [user] }));
    const grown = { ...user, public_metrics: { followers_count: 99 } };
    await seed(app.store, '#sre', buildPage([buildPost({ author: grown })], { users: [grown] }));

    const res = await app.api.get('/tweets?order_by_followers_desc=10').expect(200);

    expect(res.body.authors).toEqual([
      { author: user.name, username: user.username, followers: 99, tweets: 2 },
    ]);
  });
});
