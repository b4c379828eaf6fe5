import { buildTestApp, type TestApp } from '../helpers/app';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { seed } from '../helpers/seed';
import { syntheticPages } from '../../bench/synthetic';
import { FEW_MATCHES } from '../../src/repositories/search';
import { query } from '../../src/repositories/sql';

describe('summary endpoints', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await buildTestApp({ env: { TAGS: '#devops,#sre' } });
  });
  afterEach(() => app.close());

  const user = buildUser();
  const store = (tag: string, posts: ReturnType<typeof buildPost>[]) =>
    seed(app.store, tag, buildPage(posts, { users: [user] }));

  describe('GET /tweets_per_language', () => {
    test('when posts are stored under two tags, then each post counts once per language, most first, ties by code', async () => {
      const en = [1, 2, 3].map(() => buildPost({ author: user, lang: 'en' }));
      const pt = [1, 2].map(() => buildPost({ author: user, lang: 'pt' }));
      const de = buildPost({ author: user, lang: 'de' });
      const es = buildPost({ author: user, lang: 'es' });
      await store('#devops', [...en, ...pt, de, es]);
      await store('#sre', [en[0]!, pt[0]!, de]);

      const all = await app.api.get('/tweets_per_language').expect(200);
      const sre = await app.api.get('/tweets_per_language?tag=SRE').expect(200);
      const none = await app.api.get('/tweets_per_language?tag=oauth').expect(200);

      expect(all.body).toEqual({
        tweets_per_language: [
          { lang: 'en', tweets: 3 },
          { lang: 'pt', tweets: 2 },
          { lang: 'de', tweets: 1 },
          { lang: 'es', tweets: 1 },
        ],
      });
      expect(sre.body).toEqual({
        tweets_per_language: [
          { lang: 'de', tweets: 1 },
          { lang: 'en', tweets: 1 },
          { lang: 'pt', tweets: 1 },
        ],
      });
      expect(none.body).toEqual({ tweets_per_language: [] });
    });

    test('when tag is not a hashtag, then 400 names it', async () => {
      const res = await app.api.get('/tweets_per_language?tag=%20').expect(400);
      expect(res.body.detail).toBe('tag: must be a hashtag such as #devops or devops');
    });
  });

  describe('GET /tweets_over_time', () => {
    const at = (created_at: string) => buildPost({ author: user, created_at });

    test('when posts are stored under two tags, then UTC hours are zero-filled and each post counts once', async () => {
      const a = at('2026-11-20T10:05:00.000Z');
      const b = at('2026-11-20T10:59:59.000Z');
      const c = at('2026-11-20T12:30:00.000Z');
      const later = at('2026-11-20T13:00:00.000Z');
      await store('#devops', [a, b, c, later]);
      await store('#sre', [a, c]);

      const res = await app.api
        .get('/tweets_over_time?interval=hour&from=2026-11-20T10:00:00Z&to=2026-11-20T13:00:00Z')
        .expect(200);
      const sre = await app.api
        .get('/tweets_over_time?from=2026-11-20T10:30:00Z&to=2026-11-20T12:00:01Z&tag=sre')
        .expect(200);

      expect(res.body).toEqual({
        tweets_over_time: [
          { start: '2026-11-20T10:00:00+00:00', tweets: 2 },
          { start: '2026-11-20T11:00:00+00:00', tweets: 0 },
          { start: '2026-11-20T12:00:00+00:00', tweets: 1 },
        ],
      });
      expect(sre.body).toEqual({
        tweets_over_time: [
          { start: '2026-11-20T10:00:00+00:00', tweets: 1 },
          { start: '2026-11-20T11:00:00+00:00', tweets: 0 },
          { start: '2026-11-20T12:00:00+00:00', tweets: 1 },
        ],
      });
    });

    test('when days are asked in Asia/Kathmandu (+05:45), then each day starts at 18:15 UTC the day before', async () => {
      // 18:14 UTC is 23:59 on the 20th in Kathmandu; 18:15 is midnight of the 21st.
      await store('#devops', [
        at('2026-11-20T18:14:00.000Z'),
        at('2026-11-20T18:15:00.000Z'),
        at('2026-11-21T18:00:00.000Z'),
      ]);

      const res = await app.api
        .get('/tweets_over_time?interval=day&from=2026-11-20&to=2026-11-23&tz=asia/kathmandu')
        .expect(200);

      expect(res.body).toEqual({
        tweets_over_time: [
          { start: '2026-11-20T00:00:00+05:45', tweets: 1 },
          { start: '2026-11-21T00:00:00+05:45', tweets: 2 },
          { start: '2026-11-22T00:00:00+05:45', tweets: 0 },
        ],
      });
    });

    test('when hours are asked in Asia/Kolkata (+05:30), then each starts at half past a UTC hour', async () => {
      await store('#devops', [
        at('2026-11-20T10:29:59.000Z'),
        at('2026-11-20T10:30:00.000Z'),
        at('2026-11-20T11:45:00.000Z'),
      ]);

      const res = await app.api
        .get('/tweets_over_time?from=2026-11-20T10:00:00Z&to=2026-11-20T12:00:00Z&tz=Asia/Kolkata')
        .expect(200);

      expect(res.body.tweets_over_time).toEqual([
        { start: '2026-11-20T15:00:00+05:30', tweets: 1 },
        { start: '2026-11-20T16:00:00+05:30', tweets: 1 },
        { start: '2026-11-20T17:00:00+05:30', tweets: 1 },
      ]);
    });

    test('when a day leaves DST (Europe/Lisbon, 25 October 2026), then it has 25 hours and its posts stay in it', async () => {
      // Lisbon is UTC+1 until 01:00 UTC on the 25th, then UTC+0: the 25th runs from 23:00 UTC to 00:00 UTC.
      await store('#devops', [
        at('2026-10-24T23:00:00.000Z'),
        at('2026-10-25T23:59:59.000Z'),
        at('2026-10-26T00:00:00.000Z'),
      ]);

      const days = await app.api
        .get('/tweets_over_time?interval=day&from=2026-10-25&to=2026-10-27&tz=Europe/Lisbon')
        .expect(200);
      const hours = await app.api
        .get('/tweets_over_time?from=2026-10-25T00:00:00Z&to=2026-10-25T02:00:00Z&tz=Europe/Lisbon')
        .expect(200);

      expect(days.body.tweets_over_time).toEqual([
        { start: '2026-10-25T00:00:00+01:00', tweets: 2 },
        { start: '2026-10-26T00:00:00+00:00', tweets: 1 },
      ]);
      // The repeated local 01:00 is two buckets, as it happened.
      expect(hours.body.tweets_over_time.map((bucket: { start: string }) => bucket.start)).toEqual([
        '2026-10-25T01:00:00+01:00',
        '2026-10-25T01:00:00+00:00',
      ]);
    });

    test('when the range holds exactly 1,000 buckets, then it answers them; one more is a 400', async () => {
      const ok = await app.api
        .get('/tweets_over_time?interval=day&from=2024-01-01&to=2026-09-27')
        .expect(200);
      const tooMany = await app.api
        .get('/tweets_over_time?interval=day&from=2024-01-01&to=2026-09-28')
        .expect(400);

      expect(ok.body.tweets_over_time).toHaveLength(1000);
      expect(ok.body.tweets_over_time.every((bucket: { tweets: number }) => bucket.tweets === 0)).toBe(true);
      expect(tooMany.body.detail).toBe(
        'from: the range holds more than 1000 days; narrow it or use a longer interval',
      );
    });

    test('when no range is given, then the last 24 hours are answered (the current hour last)', async () => {
      const res = await app.api.get('/tweets_over_time').expect(200);
      const starts = res.body.tweets_over_time.map((bucket: { start: string }) => Date.parse(bucket.start));
      expect(starts.length).toBeGreaterThanOrEqual(24);
      expect(starts.length).toBeLessThanOrEqual(25);
      expect(Date.now() - starts[starts.length - 1]).toBeLessThan(3_600_000);
    });

    test.each([
      ['interval=week', 'interval: must be hour or day'],
      [
        'from=yesterday',
        'from: must be a date (2026-11-01, midnight in tz) or a date-time with Z or an offset, from 1970 to 2999',
      ],
      [
        'from=2026-02-30',
        'from: must be a date (2026-11-01, midnight in tz) or a date-time with Z or an offset, from 1970 to 2999',
      ],
      [
        'from=0001-01-01',
        'from: must be a date (2026-11-01, midnight in tz) or a date-time with Z or an offset, from 1970 to 2999',
      ],
      ['from=2026-11-02&to=2026-11-01', 'from: must be before to'],
      ['from=2026-11-01&to=2026-11-01', 'from: must be before to'],
      ['tz=Mars/Olympus', 'tz: must be an IANA time zone such as UTC or America/Sao_Paulo'],
      [
        'from=1970-01-01&to=2999-12-31&interval=day',
        'from: the range holds more than 1000 days; narrow it or use a longer interval',
      ],
      ['tag=&from=2026-11-01', 'tag: must be a hashtag such as #devops or devops'],
      ['from=a&from=b', 'from: must be given once, as a single value'],
    ])('when the query is %s, then 400 says %j', async (query, detail) => {
      const res = await app.api.get(`/tweets_over_time?${query}`).expect(400);
      expect(res.body.detail).toBe(detail);
    });
  });

  describe('GET /tweets?q=', () => {
    const say = (text: string, lang = 'en', created_at?: string) =>
      buildPost({ author: user, text, lang, ...(created_at && { created_at }) });

    test('when words are searched, then the posts with all of them are listed newest first, any case and accents', async () => {
      const older = say('Observability at São Paulo', 'pt', '2026-11-20T09:00:00.000Z');
      const newer = say('observability in SAO PAULO again', 'en', '2026-11-20T10:00:00.000Z');
      const other = say('Paulo likes logs', 'en', '2026-11-20T11:00:00.000Z');
      await store('#devops', [older, newer, other]);

      const res = await app.api.get('/tweets?q=sao%20paulo').expect(200);
      const one = await app.api.get('/tweets?q=S%C3%83O%20observability&lang=pt').expect(200);

      expect(res.body.tweets.map((t: { id: string }) => t.id)).toEqual([newer.id, older.id]);
      expect(res.body.next_cursor).toBeNull();
      expect(one.body.tweets.map((t: { id: string }) => t.id)).toEqual([older.id]);
    });

    test('when search is combined with tag and the cursor, then pages hold only matching entries of that tag', async () => {
      const posts = [0, 1, 2, 3, 4].map((i) =>
        say(`deploy number ${i}`, 'en', `2026-11-20T1${i}:00:00.000Z`),
      );
      await store('#devops', posts);
      await store('#sre', [posts[1]!, posts[3]!, say('no match here')]);

      const first = await app.api.get('/tweets?q=deploy&tag=sre&limit=1').expect(200);
      const second = await app.api
        .get(`/tweets?q=deploy&tag=sre&limit=1&cursor=${first.body.next_cursor}`)
        .expect(200);
      const all = await app.api.get('/tweets?q=deploy&limit=100').expect(200);

      expect(first.body.tweets.map((t: { id: string; rash: string }) => [t.id, t.rash])).toEqual([
        [posts[3]!.id, '#sre'],
      ]);
      expect(second.body.tweets.map((t: { id: string; rash: string }) => [t.id, t.rash])).toEqual([
        [posts[1]!.id, '#sre'],
      ]);
      expect(second.body.next_cursor).toBeNull();
      // One entry per post and tag, as /tweets lists them.
      expect(all.body.tweets).toHaveLength(7);
    });

    test('when a word is in more posts than FEW_MATCHES (read in page order) or in fewer (read from the matches), then pages are the same keyset pages', async () => {
      const pages = [...syntheticPages(FEW_MATCHES + 1_000, { seed: 5, authors: 50 })];
      for (const { tag, page } of pages) await seed(app.store, tag, page);
      const newest = async (where: string) =>
        (
          await query<{ post_id: string; tag: string }>(
            app.dataSource.manager,
            `SELECT post_id, tag FROM post_tags WHERE ${where} ORDER BY created_at DESC, post_id DESC, tag DESC LIMIT 300`,
          )
        ).map((row) => `${row.post_id} ${row.tag}`);
      const search = async (params: string) => {
        const first = (await app.api.get(`/tweets?limit=150&${params}`).expect(200)).body;
        const second = (
          await app.api.get(`/tweets?limit=150&${params}&cursor=${first.next_cursor}`).expect(200)
        ).body;
        return [...first.tweets, ...second.tweets].map(
          (t: { id: string; rash: string }) => `${t.id} ${t.rash}`,
        );
      };

      // Every post says "Synthetic post <n> about <its tags>".
      expect(await search('q=synthetic')).toEqual(await newest('1 = 1'));
      expect(await search('q=SYNTHETIC&tag=devops')).toEqual(await newest("tag = '#devops'"));
      // About one post in ten is about #sre: fewer than FEW_MATCHES.
      const sre = await newest("post_id IN (SELECT post_id FROM post_tags WHERE tag = '#sre')");
      expect(await search('q=sre%20synthetic')).toEqual(sre);
    });

    test.each([
      ['"quoted', ['"quoted" text']],
      ['say "hi" OR', []],
      ['NEAR(alpha beta)', []],
      ['alpha*', ['alpha beta', 'alpha']],
      ['(alpha', ['alpha beta', 'alpha']],
      ['alpha OR gamma', []],
      ['alpha -beta', ['alpha beta']],
      ['alpha:beta', ['alpha beta']],
      ['^alpha', ['alpha beta', 'alpha']],
      ['東京', ['東京']],
      ['ÉCOLE', ['école']],
    ])('when q is %j, then operators are plain text and the matching posts are %j', async (q, texts) => {
      const posts = ['alpha beta', 'alpha', '"quoted" text', '東京', 'école'].map((text, i) =>
        say(text, 'en', `2026-11-20T1${i}:00:00.000Z`),
      );
      await store('#devops', posts);

      const res = await app.api.get(`/tweets?q=${encodeURIComponent(q)}`).expect(200);

      expect(res.body.tweets.map((t: { tweet: string }) => t.tweet).sort()).toEqual([...texts].sort());
    });

    test.each([
      ['q=', 'q: must contain at least one word'],
      ['q=%22%20*%20()', 'q: must contain at least one word'],
      [`q=${'a'.repeat(501)}`, 'q: must be at most 500 characters'],
      ['q=a&q=b', 'q: must be given once, as a single value'],
    ])('when %s, then 400 says %j', async (query, detail) => {
      const res = await app.api.get(`/tweets?${query}`).expect(400);
      expect(res.body.detail).toBe(detail);
    });
  });

  describe('odd input', () => {
    const ODD = [
      '',
      ' ',
      '%25',
      '%00',
      'a'.repeat(5000),
      '9999-99-99',
      '2026-13-01',
      '2026-11-01T25:00:00Z',
      '2026-11-01T10:00:00%2B99:99',
      '__proto__',
      'constructor',
      'NaN',
      '-1',
      '1e309',
      '%F0%9F%87%B5%F0%9F%87%B9',
      '%22',
      '*',
      "'",
      'NEAR(',
      ')',
      '%E2%80%AE',
      'x&PARAM=y',
    ];
    const PARAMS: [string, string[]][] = [
      ['/tweets_per_language', ['tag']],
      ['/tweets_over_time', ['interval', 'from', 'to', 'tag', 'tz']],
      ['/tweets', ['q']],
    ];

    test('when every parameter of the new endpoints gets odd values, then each answer is a 200 or a 400 problem, never a 5xx', async () => {
      await store('#devops', [buildPost({ author: user, text: 'something to find' })]);
      const statuses = new Map<string, number>();
      for (const [path, names] of PARAMS)
        for (const name of names)
          for (const value of ODD) {
            const url = `${path}?${name}=${value.replace('PARAM', name)}`;
            const res = await app.api.get(url);
            statuses.set(url, res.status);
            if (res.status === 400)
              expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          }
      expect([...statuses].filter(([, status]) => status !== 200 && status !== 400)).toEqual([]);
    });
  });
});
