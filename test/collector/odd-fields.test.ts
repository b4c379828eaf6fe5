import { startEmulator } from '../../emulator/server';
import type { Corpus } from '../../src/x/corpus';
import { normalisePage } from '../../src/x/normalise';
import { ADMIN_TOKEN, type TestApp } from '../helpers/app';
import { buildPost, buildUser } from '../helpers/factories';
import { BEARER, buildAppOnEmulator, postsOf, sampleCorpus } from './x-api-helpers';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const TAG = '#devops';

/**
 * The sample with odd values the X API does not send but a page could hold: each fits SQLite, and
 * each would make PostgreSQL refuse the whole page (a NUL in a string, past a column's size).
 */
function oddCorpus(): {
  corpus: Corpus;
  odd: { text: string; lang: string; nulLang: string; author: string };
} {
  const sample = sampleCorpus();
  const [first, second, third] = postsOf(sample, TAG);
  const users = new Map(sample.users);
  users.set(first!.author_id, {
    ...users.get(first!.author_id)!,
    name: `Ada\u0000 ${'L'.repeat(300)}`,
    username: 'u'.repeat(150),
    location: `Paris\u0000, France ${'x'.repeat(300)}`,
    public_metrics: { followers_count: 1e12, following_count: 0, tweet_count: 0, listed_count: 0 },
  });
  users.set(second!.author_id, {
    ...users.get(second!.author_id)!,
    public_metrics: { followers_count: -5, following_count: 0, tweet_count: 0, listed_count: 0 },
  });
  const changed = new Map([
    [first!.id, { ...first!, text: `nul\u0000 inside #devops` }],
    [second!.id, { ...second!, lang: 'l'.repeat(40) }],
    [third!.id, { ...third!, lang: 'en\u0000' }],
  ]);
  return {
    corpus: { ...sample, users, posts: sample.posts.map((post) => changed.get(post.id) ?? post) },
    odd: { text: first!.id, lang: second!.id, nulLang: third!.id, author: first!.author_id },
  };
}

describe('a page with odd values', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let app: TestApp;
  afterEach(async () => {
    await app?.close();
    await emulator?.close();
  });

  test('when posts and authors carry NULs, oversized names, languages and counts, then every post is stored with them fitted', async () => {
    const { corpus, odd } = oddCorpus();
    emulator = await startEmulator({ corpus, port: 0, bearerToken: BEARER });
    app = await buildAppOnEmulator(emulator.url, { TAGS: TAG, TWEETS_PER_TAG: '1000' });

    const res = await app.api.get('/database').set(auth).expect(200);

    expect(res.body.summary.tags).toEqual([
      expect.objectContaining({
        tag: TAG,
        status: 'ok',
        new_posts: postsOf(corpus, TAG).length,
        error: null,
      }),
    ]);
    const post = async (id: string) =>
      (await app.dataSource.query(`SELECT text, lang FROM posts WHERE id = '${id}'`))[0];
    expect(await post(odd.text)).toEqual({ text: 'nul inside #devops', lang: expect.any(String) });
    expect((await post(odd.lang)).lang).toBe('und');
    expect((await post(odd.nulLang)).lang).toBe('und');
    const [author] = await app.dataSource.query(
      `SELECT name, username, followers_count, location FROM authors WHERE id = '${odd.author}'`,
    );
    expect({ ...author, followers_count: Number(author.followers_count) }).toEqual({
      name: `Ada ${'L'.repeat(196)}`,
      username: 'u'.repeat(100),
      followers_count: 2_147_483_647,
      location: `Paris, France ${'x'.repeat(186)}`,
    });
    const top = await app.api.get('/tweets?order_by_followers_desc=1').expect(200);
    expect(top.body.authors[0]).toMatchObject({ followers: 2_147_483_647 });
  });
});

describe('normalisePage', () => {
  test('when a created_at lies outside years 0 to 9999 or is no date, then the post is rejected with the reason and the rest kept', () => {
    const author = buildUser();
    const page = {
      data: [
        buildPost({ id: '1', author_id: author.id, created_at: '+010000-01-01T00:00:00.000Z' }),
        buildPost({ id: '2', author_id: author.id, created_at: 'yesterday' }),
        buildPost({ id: '3', author_id: author.id, created_at: '9999-12-31T23:59:59.999Z' }),
      ],
      includes: { users: [author] },
      meta: { result_count: 3 },
    };
    const { posts, rejected } = normalisePage(page);
    expect(posts.map((post) => [post.id, post.createdAt])).toEqual([['3', '9999-12-31T23:59:59.999Z']]);
    expect(rejected).toEqual([
      { id: '1', reason: 'its created_at is outside years 0 to 9999: +010000-01-01T00:00:00.000Z' },
      { id: '2', reason: 'its created_at is not a date: yesterday' },
    ]);
  });

  test('when followers_count is not a whole count, then the author counts 0 followers', () => {
    const counts = [-1, 1.5, Number.NaN, '12' as unknown as number, 42];
    const users = counts.map((count, index) =>
      buildUser({
        id: String(100 + index),
        public_metrics: { followers_count: count, following_count: 0, tweet_count: 0, listed_count: 0 },
      }),
    );
    const page = {
      data: users.map((user, index) => buildPost({ id: String(index + 1), author_id: user.id })),
      includes: { users },
      meta: { result_count: users.length },
    };
    expect(normalisePage(page).authors.map((author) => author.followersCount)).toEqual([0, 0, 0, 0, 42]);
  });
});
