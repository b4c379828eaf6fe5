import { syntheticPages } from '../../bench/synthetic';
import { query } from '../../src/repositories/sql';
import { tweetPageQuery, type TweetFilter } from '../../src/repositories/tweet-reader';
import { buildTestApp, type TestApp } from '../helpers/app';
import { TEST_DIALECT } from '../helpers/database';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { seed } from '../helpers/seed';

// SQLite's query plan and SQLite's migration history: PostgreSQL has neither (its first migration has the column).
const sqliteOnly = TEST_DIALECT === 'sqlite' ? test : test.skip;

const CURSOR = { createdAt: '2026-11-19T00:00:00.000Z', postId: '1860000000000000500', tag: '#sre' };

describe('GET /tweets?lang=', () => {
  let app: TestApp;
  afterEach(() => app.close());

  sqliteOnly.each<[string, TweetFilter, string]>([
    ['lang', { limit: 100, lang: 'zz' }, 'idx_post_tags_lang_newest (lang=?)'],
    [
      'lang after a cursor',
      { limit: 100, lang: 'pt', after: CURSOR },
      'idx_post_tags_lang_newest (lang=? AND',
    ],
    [
      'tag and lang',
      { limit: 100, tag: '#devops', lang: 'en' },
      'idx_post_tags_tag_lang_newest (tag=? AND lang=?)',
    ],
    [
      'tag and lang after a cursor',
      { limit: 100, tag: '#devops', lang: 'en', after: CURSOR },
      'idx_post_tags_tag_lang_newest (tag=? AND lang=? AND',
    ],
  ])(
    'when filtering by %s, then SQLite reads the page from an index in its order, without scanning or sorting',
    async (_case, filter, index) => {
      app = await buildTestApp();
      for (const { tag, page } of syntheticPages(2_000, { seed: 17 })) await seed(app.store, tag, page);
      const { sql, parameters } = tweetPageQuery(filter);
      const { manager } = app.store.reader;
      const plan = (await query<{ detail: string }>(manager, `EXPLAIN QUERY PLAN ${sql}`, parameters)).map(
        (row) => row.detail,
      );

      expect(plan[0]).toContain(`SEARCH pt USING COVERING INDEX ${index}`);
      expect(plan.join('\n')).not.toMatch(/SCAN|TEMP B-TREE/);
    },
  );

  test('when a post is found under a second tag, then both entries are listed under its stored language, and a language without posts is empty', async () => {
    app = await buildTestApp();
    const user = buildUser();
    const post = buildPost({ author: user, lang: 'pt' });
    const other = buildPost({ author: user, lang: 'en', created_at: '2026-11-20T09:00:00.000Z' });
    await seed(app.store, '#devops', buildPage([post, other], { users: [user] }));
    // The same post again, as X would return it after an edit of its language: the stored one wins.
    await seed(app.store, '#sre', buildPage([{ ...post, lang: 'es' }], { users: [user] }));

    const pt = await app.api.get('/tweets?lang=pt').expect(200);
    const devopsEn = await app.api.get('/tweets?tag=devops&lang=en').expect(200);
    const none = await app.api.get('/tweets?lang=zz').expect(200);

    expect(pt.body.tweets.map((entry: { id: string; rash: string }) => [entry.id, entry.rash])).toEqual([
      [post.id, '#sre'],
      [post.id, '#devops'],
    ]);
    expect(devopsEn.body.tweets.map((entry: { id: string }) => entry.id)).toEqual([other.id]);
    expect(none.body).toEqual({ tweets: [], next_cursor: null });
  });

  sqliteOnly(
    'when a database from before the links had a language is opened, then every link gets its post language',
    async () => {
      app = await buildTestApp();
      const user = buildUser();
      const posts = ['pt', 'en', 'pt'].map((lang, i) =>
        buildPost({ author: user, lang, created_at: `2026-11-20T0${i}:00:00.000Z` }),
      );
      await seed(app.store, '#devops', buildPage(posts, { users: [user] }));
      await app.dataSource.undoLastMigration({ transaction: 'each' });
      await app.store.close();

      const reopened = await buildTestApp({ env: { DATABASE_PATH: app.config.databasePath } });
      const pt = await reopened.api.get('/tweets?lang=pt').expect(200);
      await reopened.close();

      expect(pt.body.tweets.map((entry: { id: string }) => entry.id)).toEqual([posts[2]!.id, posts[0]!.id]);
    },
  );
});
