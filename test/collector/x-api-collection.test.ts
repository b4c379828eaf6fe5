import { startEmulator } from '../../emulator/server';
import type { TestApp } from '../helpers/app';
import { ADMIN_TOKEN } from '../helpers/app';
import { BEARER, buildAppOnEmulator, postsOf, sampleCorpus, storedIdsByTag } from './x-api-helpers';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const TAGS = '#devops,#sre,#observability';

describe('collecting from the X API (emulated)', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let app: TestApp;
  afterEach(async () => {
    await app?.close();
    await emulator?.close();
  });

  test('when a first collection asks for 150 per tag, then exactly the newest 150 (or all) matching posts of each tag are stored', async () => {
    emulator = await startEmulator({ corpus: sampleCorpus(), port: 0, bearerToken: BEARER });
    app = await buildAppOnEmulator(emulator.url, { TAGS, TWEETS_PER_TAG: '150' });

    const res = await app.api.get('/database').set(auth).expect(200);

    const stored = await storedIdsByTag(app);
    for (const tag of TAGS.split(',')) {
      const expected = postsOf(sampleCorpus(), tag)
        .slice(0, 150)
        .map((post) => post.id);
      expect(stored.get(tag)).toEqual(expected);
      const summary = res.body.summary.tags.find((entry: { tag: string }) => entry.tag === tag);
      expect(summary).toMatchObject({
        status: 'ok',
        returned: expected.length,
        pages: Math.ceil(expected.length / 100),
        error: null,
      });
    }
    const searches = emulator.requests.filter((request) => request.path === '/2/tweets/search/recent');
    expect(searches[0]?.query).toMatchObject({
      query: expect.stringMatching(/^#\w+ -is:retweet$/),
      max_results: '100',
      expansions: 'author_id,geo.place_id',
      'tweet.fields': 'created_at,lang,entities,geo',
      'user.fields': 'public_metrics,location,username,name',
      'place.fields': 'country,country_code,full_name',
    });
  });

  test('when a collection runs again, then it asks only for newer posts and stores no duplicate', async () => {
    const full = sampleCorpus();
    const older = { ...full, posts: full.posts.slice(40) };
    emulator = await startEmulator({ corpus: older, port: 0, bearerToken: BEARER });
    app = await buildAppOnEmulator(emulator.url, { TAGS });
    await app.api.get('/database').set(auth).expect(200);
    const before = await storedIdsByTag(app);
    await emulator.close();

    emulator = await startEmulator({ corpus: full, port: 0, bearerToken: BEARER });
    // A second app on the same database file, as after a restart: since_id comes from the database.
    const again = await buildAppOnEmulator(emulator.url, { TAGS, DATABASE_PATH: app.config.databasePath });
    const res = await again.api.get('/database').set(auth).expect(200);
    const after = await storedIdsByTag(again);
    const searches = emulator.requests.filter((request) => request.path === '/2/tweets/search/recent');
    for (const tag of TAGS.split(',')) {
      const newer = postsOf(full, tag)
        .filter((post) => full.posts.indexOf(post) < 40)
        .map((post) => post.id);
      expect(after.get(tag)).toEqual([...newer, ...(before.get(tag) ?? [])]);
      expect(new Set(after.get(tag)).size).toBe(after.get(tag)!.length);
      const query = searches.find((request) => String(request.query.query).startsWith(`${tag} `))?.query;
      expect(query?.since_id).toBe(before.get(tag)![0]);
    }
    const total: number = res.body.summary.tags.reduce(
      (sum: number, tag: { returned: number }) => sum + tag.returned,
      0,
    );
    expect(total).toBe(
      TAGS.split(',').reduce(
        (sum, tag) => sum + postsOf(full, tag).filter((post) => full.posts.indexOf(post) < 40).length,
        0,
      ),
    );
    await again.close();
  });

  test('when posts come with places and author locations, then each is stored with its place country code, else its author location resolved, else null', async () => {
    const corpus = sampleCorpus();
    emulator = await startEmulator({ corpus, port: 0, bearerToken: BEARER });
    app = await buildAppOnEmulator(emulator.url, { TWEETS_PER_TAG: '1000' });
    await app.api.get('/database').set(auth).expect(200);

    const rows = await app.dataSource.query('SELECT id, country FROM posts');
    const stored = new Map<string, string | null>(
      rows.map((row: { id: string; country: string | null }) => [row.id, row.country]),
    );
    const posts = corpus.posts.filter((post) => stored.has(post.id));
    expect(posts.length).toBe(corpus.posts.length);
    const withPlace = posts.filter((post) => post.geo?.place_id);
    expect(withPlace.length).toBeGreaterThan(0);
    for (const post of withPlace)
      expect(stored.get(post.id)).toBe(corpus.places.get(post.geo!.place_id!)!.country_code);
    const located = (location: string) =>
      posts.filter((post) => !post.geo?.place_id && corpus.users.get(post.author_id)?.location === location);
    for (const [location, code] of [
      ['São Paulo, Brasil', 'BR'],
      ['New York, NY', 'US'],
      ['the cloud ☁️', null],
      ['Earth', null],
    ] as const) {
      expect(located(location).length).toBeGreaterThan(0);
      for (const post of located(location)) expect([location, stored.get(post.id)]).toEqual([location, code]);
    }
  });
});
