import { startEmulator, type Emulator } from '../../emulator/server';
import type { Faults } from '../../emulator/faults';
import { STOPPED } from '../../src/collector/summary';
import { ADMIN_TOKEN, type TestApp } from '../helpers/app';
import { until } from '../helpers/until';
import { BEARER, buildAppOnEmulator, sampleCorpus } from '../collector/x-api-helpers';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

describe('what GET /database answers about the run', () => {
  let emulator: Emulator;
  let app: TestApp;

  async function start(faults: Faults, env: Record<string, string> = {}) {
    emulator = await startEmulator({ corpus: sampleCorpus(), port: 0, bearerToken: BEARER, faults });
    app = await buildAppOnEmulator(emulator.url, { TAGS: '#devops,#sre', COLLECT_CONCURRENCY: '1', ...env });
  }
  const searches = () => emulator.requests.filter((request) => request.path === '/2/tweets/search/recent');

  afterEach(async () => {
    await app?.close();
    await emulator?.close();
  });

  test('when every tag completed, then 200 "database has been restored" with no failed tags', async () => {
    await start({});

    const res = await app.api.get('/database').set(auth).expect(200);

    expect(res.body).toMatchObject({
      message: 'database has been restored',
      failed_tags: [],
      collected: { '#devops': 100, '#sre': 97 },
    });
    expect(res.body.summary.outcome).toBe('success');
  });

  test('when one tag failed, then 200 with a message naming it and the failed tags', async () => {
    await start({ unavailableNext: 4 });

    const res = await app.api.get('/database').set(auth).expect(200);

    expect(res.body).toMatchObject({
      message: 'database has been partly restored; 1 of 2 tags did not complete: #devops (failed)',
      failed_tags: ['#devops'],
      collected: { '#devops': 0, '#sre': 100 },
    });
    expect(res.body.summary.outcome).toBe('partial');
  });

  test('when every tag failed, then 502 problem+json naming each, with the summary', async () => {
    await start({ unavailableRate: 1 });

    const res = await app.api.get('/database').set(auth).expect(502);

    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      title: 'Bad Gateway',
      status: 502,
      detail: 'no tag could be collected: #devops (failed), #sre (failed)',
    });
    expect(res.body.summary.outcome).toBe('failed');
    expect(res.body.summary.error).toBeNull();
  });

  test('when the run is stopped by DELETE /database while X hangs, then DELETE answers within a second and GET 502 "stopped"', async () => {
    await start({ hangNext: 1 }, { X_API_TIMEOUT_MS: '30000' });
    const collecting = app.api
      .get('/database')
      .set(auth)
      .then((res) => res);
    await until(() => searches().length === 1, 'the first search request', 5000);

    const started = Date.now();
    await app.api.delete('/database').set(auth).expect(200);
    const deleteMs = Date.now() - started;
    const res = await collecting;

    expect(deleteMs).toBeLessThan(1000);
    expect(res.status).toBe(502);
    expect(res.body.detail).toBe(STOPPED);
    expect(res.body.summary).toMatchObject({ outcome: 'failed', error: STOPPED });
    expect(res.body.summary.tags.map((tag: { status: string }) => tag.status)).toEqual([
      'cancelled',
      'cancelled',
    ]);
    expect((await app.api.get('/tweets')).body.tweets).toEqual([]);
  });

  test('when HEAD /database is sent with the admin token, then 405 with Allow and no collection starts', async () => {
    await start({});

    const res = await app.api.head('/database').set(auth).expect(405);

    expect(res.headers.allow).toBe('GET, DELETE');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(app.collector.isRunning()).toBe(false);
    expect(searches()).toEqual([]);
  });
});
