import { startEmulator, type Emulator } from '../../emulator/server';
import { ADMIN_TOKEN, type TestApp } from '../helpers/app';
import { BEARER, buildAppOnEmulator, postsOf, sampleCorpus, storedIdsByTag } from './x-api-helpers';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const PAGE_2_FAILS = { failAfterPages: { pages: 1, status: 503 } };

describe('a tag interrupted mid-pagination', () => {
  const opened: { app: TestApp; emulator: Emulator }[] = [];

  async function start(budget: number, faults = {}) {
    const emulator = await startEmulator({ corpus: sampleCorpus(), port: 0, bearerToken: BEARER, faults });
    const app = await buildAppOnEmulator(emulator.url, {
      TAGS: '#devops,#sre',
      TWEETS_PER_TAG: String(budget),
      COLLECT_CONCURRENCY: '1',
    });
    opened.push({ app, emulator });
    return { app, emulator };
  }
  const searchesOf = (emulator: Emulator) =>
    emulator.requests.filter((request) => request.path === '/2/tweets/search/recent');
  const incompleteGauge = async (app: TestApp, tag: string) =>
    new RegExp(`^twitterapi_collection_tag_incomplete\\{tag="${tag}"\\} (\\d)$`, 'm').exec(
      (await app.api.get('/metrics')).text,
    )?.[1];

  afterEach(async () => {
    for (const { app, emulator } of opened.splice(0)) {
      await app.close();
      await emulator.close();
    }
  });

  test.each([
    ['every post of the window (TWEETS_PER_TAG=1000)', 1000],
    ['the newest 150 (TWEETS_PER_TAG=150, budget-trimmed runs are complete by design)', 150],
  ])(
    'when page 2 fails and clean runs follow, then the database ends equal to a fault-free run: %s',
    async (_name, budget) => {
      const reference = await start(budget);
      await reference.app.api.get('/database').set(auth).expect(200);
      const expected = await storedIdsByTag(reference.app);
      const { app, emulator } = await start(budget, PAGE_2_FAILS);

      const first = await app.api.get('/database').set(auth).expect(502);
      expect(first.body.summary.tags).toMatchObject([
        { tag: '#devops', status: 'failed', returned: 100, pages: 1, incomplete: true },
        { tag: '#sre', status: 'failed', returned: 100, pages: 1, incomplete: true },
      ]);
      expect(await incompleteGauge(app, '#devops')).toBe('1');
      const oldestOfPage1 = (await storedIdsByTag(app)).get('#devops')!.at(-1);

      emulator.setFaults({});
      emulator.requests.length = 0;
      const second = await app.api.get('/database').set(auth).expect(200);

      expect(second.body.message).toBe('database has been restored');
      expect(second.body.summary.outcome).toBe('success');
      expect(second.body.summary.tags[0]).toMatchObject({ tag: '#devops', status: 'ok', incomplete: false });
      expect(searchesOf(emulator)[0]!.query).toMatchObject({ until_id: oldestOfPage1 });
      expect(searchesOf(emulator)[0]!.query.since_id).toBeUndefined();
      expect(await storedIdsByTag(app)).toEqual(expected);
      expect(await incompleteGauge(app, '#devops')).toBe('0');

      emulator.requests.length = 0;
      const third = await app.api.get('/database').set(auth).expect(200);
      expect(third.body.collected).toEqual({ '#devops': 0, '#sre': 0 });
      expect(searchesOf(emulator).map((request) => request.query.since_id)).toEqual([
        postsOf(sampleCorpus(), '#devops')[0]!.id,
        postsOf(sampleCorpus(), '#sre')[0]!.id,
      ]);
      expect(await storedIdsByTag(app)).toEqual(expected);
    },
  );

  test('when DELETE /database follows an interrupted run, then the collection state is forgotten and the next run collects everything again', async () => {
    const { app, emulator } = await start(1000, PAGE_2_FAILS);
    await app.api.get('/database').set(auth).expect(502);

    await app.api.delete('/database').set(auth).expect(200);
    expect(await incompleteGauge(app, '#devops')).toBe('0');
    emulator.setFaults({});
    emulator.requests.length = 0;
    const res = await app.api.get('/database').set(auth).expect(200);

    expect(searchesOf(emulator)[0]!.query).not.toHaveProperty('until_id');
    expect(searchesOf(emulator)[0]!.query).not.toHaveProperty('since_id');
    expect(res.body.collected['#devops']).toBe(postsOf(sampleCorpus(), '#devops').length);
    expect((await storedIdsByTag(app)).get('#devops')).toHaveLength(
      postsOf(sampleCorpus(), '#devops').length,
    );
  });

  test('when a run fails before its first page, then no hole is recorded and the next run starts from the mark', async () => {
    const { app, emulator } = await start(1000, { unavailableNext: 4 });

    const first = await app.api.get('/database').set(auth).expect(200);

    expect(first.body.summary.tags[0]).toMatchObject({ tag: '#devops', status: 'failed', incomplete: false });
    expect(first.body.summary.tags[1]).toMatchObject({ tag: '#sre', status: 'ok', incomplete: false });
    emulator.requests.length = 0;
    await app.api.get('/database').set(auth).expect(200);
    expect(searchesOf(emulator)[0]!.query.since_id).toBeUndefined();
    expect((await storedIdsByTag(app)).get('#devops')).toHaveLength(
      postsOf(sampleCorpus(), '#devops').length,
    );
  });

  test('when the hole has left the 7-day search window, then it is dropped and the tag is complete again', async () => {
    const { app, emulator } = await start(1000, PAGE_2_FAILS);
    await app.api.get('/database').set(auth).expect(502);
    const oldestOfPage1 = postsOf(sampleCorpus(), '#devops')[99]!;

    emulator.setFaults({});
    emulator.setNow(new Date(Date.parse(oldestOfPage1.created_at) + 7 * 24 * 3600_000 + 3600_000));
    const res = await app.api.get('/database').set(auth).expect(200);

    expect(res.body.summary.tags[0]).toMatchObject({ tag: '#devops', status: 'ok', incomplete: false });
    expect(
      app.logs.filter((line) => line['event.action'] === 'x_api.until_id_expired').map((line) => line.tag),
    ).toEqual(['#devops', '#sre']);
    expect(await incompleteGauge(app, '#devops')).toBe('0');
  });
});
