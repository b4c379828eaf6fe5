import { buildTestApp, type TestApp } from '../helpers/app';
import { buildPage, buildPlace, buildPost, buildUser } from '../helpers/factories';
import { seed } from '../helpers/seed';

const hours = (counts: Record<string, number>) =>
  Array.from({ length: 24 }, (_, hour) => {
    const label = `${String(hour).padStart(2, '0')}:00`;
    return { at_hour: label, tweets: counts[label] ?? 0 };
  });

describe('aggregate endpoints', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await buildTestApp({ env: { TAGS: '#devops,#sre,#oauth' } });
  });
  afterEach(() => app.close());

  describe('GET /tweets_per_hour', () => {
    test('when posts are stored under two tags, then each post is counted once in its UTC hour, 24 zero-filled entries', async () => {
      const user = buildUser();
      const a = buildPost({ author: user, created_at: '2026-11-20T00:05:00.000Z' });
      const b = buildPost({ author: user, created_at: '2026-11-20T00:59:59.000Z' });
      const c = buildPost({ author: user, created_at: '2026-11-19T23:00:00.000Z' });
      await seed(app.store, '#devops', buildPage([a, b, c], { users: [user] }));
      await seed(app.store, '#sre', buildPage([a], { users: [user] }));

      const res = await app.api.get('/tweets_per_hour').expect(200);

      expect(res.body).toEqual({ tweets_per_hour: hours({ '00:00': 2, '23:00': 1 }) });
    });

    test('when tz crosses a DST change, then each post is counted in its local hour on its own date', async () => {
      const user = buildUser();
      // New York leaves DST on 2026-11-01 at 06:00 UTC: 12:00 UTC is 08:00 before and 07:00 after.
      const beforeChange = buildPost({ author: user, created_at: '2026-10-31T12:00:00.000Z' });
      const afterChange = buildPost({ author: user, created_at: '2026-11-02T12:00:00.000Z' });
      await seed(app.store, '#devops', buildPage([beforeChange, afterChange], { users: [user] }));

      const res = await app.api.get('/tweets_per_hour?tz=America/New_York').expect(200);

      expect(res.body).toEqual({ tweets_per_hour: hours({ '08:00': 1, '07:00': 1 }) });
    });

    test('when tz has a quarter-hour offset, then posts fall in the right local hour', async () => {
      const user = buildUser();
      // Kathmandu is UTC+05:45: 10:14 UTC is 15:59 local, 10:15 UTC is 16:00 local.
      const early = buildPost({ author: user, created_at: '2026-11-20T10:14:59.000Z' });
      const late = buildPost({ author: user, created_at: '2026-11-20T10:15:00.000Z' });
      await seed(app.store, '#devops', buildPage([early, late], { users: [user] }));

      const res = await app.api.get('/tweets_per_hour?tz=Asia/Kathmandu').expect(200);

      expect(res.body).toEqual({ tweets_per_hour: hours({ '15:00': 1, '16:00': 1 }) });
    });

    test.each([['tz=Mars/Olympus'], ['tz=UTC&tz=UTC']])(
      'when %s, then 400 problem+json names tz',
      async (query) => {
        const res = await app.api.get(`/tweets_per_hour?${query}`).expect(400);

        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.detail).toMatch(/^tz: /);
      },
    );

    test('when an unknown parameter is given, then it is ignored', async () => {
      const res = await app.api.get('/tweets_per_hour?colour=red').expect(200);

      expect(res.body).toEqual({ tweets_per_hour: hours({}) });
    });
  });

  describe('GET /tweets_per_tag', () => {
    test('when a post is under two tags, then it counts under both, by language, one array per configured tag', async () => {
      const user = buildUser();
      const en1 = buildPost({ author: user, lang: 'en' });
      const en2 = buildPost({ author: user, lang: 'en' });
      const ja = buildPost({ author: user, lang: 'ja' });
      await seed(app.store, '#devops', buildPage([en1, en2, ja], { users: [user] }));
      await seed(app.store, '#sre', buildPage([en1], { users: [user] }));

      const res = await app.api.get('/tweets_per_tag').expect(200);

      expect(res.body).toEqual({
        tweets_per_tags: [
          [
            { rash: '#devops', lang: 'en', tweets: 2 },
            { rash: '#devops', lang: 'ja', tweets: 1 },
          ],
          [{ rash: '#sre', lang: 'en', tweets: 1 }],
          [],
        ],
      });
    });
  });

  describe('GET /tweets_per_country', () => {
    test('when posts have places, author locations (one junk) or neither, then distinct posts are counted per ISO country code, most first', async () => {
      const lisbon = buildUser({ location: 'Lisbon' });
      const nowhere = buildUser();
      const cloud = buildUser({ location: 'the cloud ☁️' });
      const br = buildPlace({ country_code: 'BR' });
      const posts = [
        buildPost({ author: lisbon, geo: { place_id: br.id } }),
        buildPost({ author: nowhere, geo: { place_id: br.id } }),
        buildPost({ author: lisbon }),
        buildPost({ author: nowhere }),
        buildPost({ author: nowhere }),
        buildPost({ author: cloud }),
      ];
      await seed(app.store, '#devops', buildPage(posts, { users: [lisbon, nowhere, cloud], places: [br] }));
      await seed(app.store, '#sre', buildPage(posts.slice(0, 1), { users: [lisbon], places: [br] }));

      const res = await app.api.get('/tweets_per_country').expect(200);

      expect(res.body).toEqual({
        tweets_per_country: [
          { country: null, country_name: null, tweets: 3 },
          { country: 'BR', country_name: 'Brazil', tweets: 2 },
          { country: 'PT', country_name: 'Portugal', tweets: 1 },
        ],
      });
    });
  });
});
