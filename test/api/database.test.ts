import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { seed } from '../helpers/seed';
import { pagesSource } from '../helpers/sources';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

describe('/database', () => {
  let app: TestApp;
  const user = buildUser();
  const shared = buildPost({ author: user });
  const pages = {
    '#devops': [
      buildPage([shared, buildPost({ author: user })], { users: [user] }, 'n1'),
      buildPage([buildPost({ author: user })], { users: [user] }),
    ],
    '#sre': [buildPage([shared], { users: [user] })],
  };

  beforeEach(async () => {
    app = await buildTestApp({
      env: { TAGS: '#devops,#sre', COLLECT_CONCURRENCY: '1' },
      source: pagesSource(pages, { delayMs: 20 }),
    });
  });
  afterEach(() => app.close());

  test.each([
    ['no Authorization header', {}],
    ['a wrong token', { Authorization: 'Bearer wrong-token-wrong-token' }],
    ['another scheme', { Authorization: `Basic ${ADMIN_TOKEN}` }],
  ])(
    'when %s is sent, then both methods answer 401 problem+json and nothing changes',
    async (_name, headers) => {
      await seed(app.store, '#devops', buildPage([buildPost({ author: user })], { users: [user] }));

      for (const method of ['get', 'delete'] as const) {
        const res = await app.api[method]('/database').set(headers).expect(401);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.headers['www-authenticate']).toBe('Bearer realm="twitter-api"');
        expect(res.body.detail).toBe('this endpoint requires Authorization: Bearer <ADMIN_TOKEN>');
      }
      expect((await app.api.get('/tweets')).body.tweets).toHaveLength(1);
    },
  );

  test('when GET /database runs a collection, then it answers with the per-tag counts and the summary', async () => {
    const res = await app.api.get('/database').set(auth).expect(200);

    expect(res.body.message).toBe('database has been restored');
    expect(res.body.collected).toEqual({ '#devops': 3, '#sre': 0 });
    expect(res.body.summary).toMatchObject({
      trigger: 'request',
      source: 'sample',
      outcome: 'success',
      error: null,
      tags: [
        { tag: '#devops', status: 'ok', returned: 3, new_posts: 3, pages: 2, error: null },
        { tag: '#sre', status: 'ok', returned: 1, new_posts: 0, pages: 1, error: null },
      ],
    });
    const listed = (await app.api.get('/tweets')).body.tweets;
    expect(listed).toHaveLength(4);
  });

  test('when two GET /database arrive together, then the second joins the running collection', async () => {
    const [first, second] = await Promise.all([
      app.api.get('/database').set(auth),
      app.api.get('/database').set(auth),
    ]);

    expect(first.status).toBe(200);
    expect(second.body.summary.run_id).toBe(first.body.summary.run_id);
  });

  test('when DELETE /database, then posts, authors and links are gone and the aggregates are empty', async () => {
    await app.api.get('/database').set(auth).expect(200);

    const res = await app.api.delete('/database').set(auth).expect(200);

    expect(res.body).toEqual({ message: 'database has been dropped' });
    expect((await app.api.get('/tweets')).body).toEqual({ tweets: [], next_cursor: null });
    expect((await app.api.get('/tweets?order_by_followers_desc=5')).body).toEqual({ authors: [] });
    expect((await app.api.get('/tweets_per_country')).body).toEqual({ tweets_per_country: [] });
    expect((await app.api.get('/tweets_per_tag')).body).toEqual({ tweets_per_tags: [[], []] });
    const perHour = (await app.api.get('/tweets_per_hour')).body.tweets_per_hour as { tweets: number }[];
    expect(perHour.every((hour) => hour.tweets === 0)).toBe(true);
  });

  test('when the collection is run again after a delete, then the data comes back without duplicates', async () => {
    await app.api.get('/database').set(auth).expect(200);
    await app.api.delete('/database').set(auth).expect(200);

    const res = await app.api.get('/database').set(auth).expect(200);

    expect(res.body.collected).toEqual({ '#devops': 3, '#sre': 0 });
    expect((await app.api.get('/tweets')).body.tweets).toHaveLength(4);
  });
});

describe('/database with odd posts from the source', () => {
  test('when a page holds a post with an unreadable date or no text, then that post is skipped and logged, and the rest is stored', async () => {
    const user = buildUser();
    const good = [buildPost({ author: user }), buildPost({ author: user })];
    const badDate = buildPost({ author: user, created_at: 'yesterday' });
    const noText = { ...buildPost({ author: user }), text: undefined } as unknown as ReturnType<
      typeof buildPost
    >;
    const app = await buildTestApp({
      env: { TAGS: '#devops' },
      source: pagesSource({ '#devops': [buildPage([...good, badDate, noText], { users: [user] })] }),
    });

    const res = await app.api.get('/database').set(auth).expect(200);

    expect(res.body.collected).toEqual({ '#devops': 2 });
    expect(
      (await app.api.get('/tweets')).body.tweets.map((tweet: { id: string }) => tweet.id).sort(),
    ).toEqual(good.map((post) => post.id).sort());
    const warning = app.logs.find((line) => line['event.action'] === 'collection.invalid_posts');
    expect(warning).toMatchObject({
      'log.level': 'warn',
      tag: '#devops',
      posts: expect.arrayContaining([
        { id: badDate.id, reason: 'its created_at is not a date: yesterday' },
        { id: noText.id, reason: 'it has no text' },
      ]),
    });
    await app.close();
  });
});
