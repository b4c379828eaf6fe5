import { startEmulator } from '../../emulator/server';
import type { Corpus } from '../../src/x/corpus';
import type { XPost, XUser } from '../../src/x/wire';
import { ADMIN_TOKEN, type TestApp } from '../helpers/app';
import { buildPost, buildUser } from '../helpers/factories';
import { BEARER, buildAppOnEmulator, storedIdsByTag } from './x-api-helpers';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const CAFE_NFD = 'Cafe\u0301'; // "Café" with a combining acute accent, as some keyboards send it

const tagged = (author: XUser, ...tags: string[]): XPost =>
  buildPost({
    author,
    created_at: '2026-11-20T10:00:00.000Z',
    text: tags.map((tag) => `#${tag}`).join(' '),
    entities: { hashtags: tags.map((tag) => ({ start: 0, end: tag.length + 1, tag })) },
  });

describe('hashtags beyond ASCII, from configuration to the X API and back', () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let app: TestApp;
  afterEach(async () => {
    await app?.close();
    await emulator?.close();
  });

  test('when TAGS holds Devanagari, Turkish and decomposed tags, then each is searched, stored in one spelling and found by ?tag= in any', async () => {
    const user = buildUser();
    const hindi = tagged(user, 'हिन्दी');
    const istanbul = tagged(user, 'İstanbul');
    const istanbulAscii = tagged(user, 'ISTANBUL');
    const cafe = tagged(user, 'café');
    const other = tagged(user, 'devops');
    const corpus: Corpus = {
      referenceDate: new Date('2026-11-20T12:00:00.000Z'),
      posts: [other, cafe, istanbulAscii, istanbul, hindi].sort((a, b) =>
        BigInt(b.id) > BigInt(a.id) ? 1 : -1,
      ),
      users: new Map([[user.id, user]]),
      places: new Map(),
    };
    emulator = await startEmulator({ corpus, port: 0, bearerToken: BEARER });
    app = await buildAppOnEmulator(emulator.url, { TAGS: `#हिन्दी, #İstanbul, ${CAFE_NFD}` });

    expect(app.config.tags).toEqual(['#हिन्दी', '#istanbul', '#café']);
    await app.api.get('/database').set(auth).expect(200);

    const stored = await storedIdsByTag(app);
    expect(Object.fromEntries(stored)).toEqual({
      '#हिन्दी': [hindi.id],
      '#istanbul': [istanbulAscii.id, istanbul.id].sort().reverse(),
      '#café': [cafe.id],
    });
    const queries = emulator.requests
      .filter((request) => request.path === '/2/tweets/search/recent')
      .map((request) => request.query.query);
    expect(queries.sort()).toEqual(['#café -is:retweet', '#istanbul -is:retweet', '#हिन्दी -is:retweet']);
    for (const [asked, expected] of [
      ['हिन्दी', [hindi.id]],
      ['#İSTANBUL', [istanbulAscii.id, istanbul.id].sort().reverse()],
      ['Istanbul', [istanbulAscii.id, istanbul.id].sort().reverse()],
      [CAFE_NFD, [cafe.id]],
      ['#CAFÉ', [cafe.id]],
    ] as const) {
      const res = await app.api.get(`/tweets?tag=${encodeURIComponent(asked)}`).expect(200);
      expect([asked, res.body.tweets.map((entry: { id: string }) => entry.id)]).toEqual([asked, expected]);
    }
  });
});
