import type { Emulator } from '../../emulator/server';
import type { Faults } from '../../emulator/faults';
import { query } from '../../src/repositories/sql';
import type { TestApp } from '../helpers/app';
import { until } from '../helpers/until';
import { auth, buildStreamApp, startStreamEmulator, statisticsOf, untilCurrent } from './x-api-helpers';

describe('the stream on the X API filtered stream (emulator)', () => {
  let emulator: Emulator;
  let app: TestApp;

  async function launch(track: string[], faults: Faults = {}) {
    emulator = await startStreamEmulator(faults);
    app = await buildStreamApp(emulator);
    return (await app.api.post('/launch').set(auth).send({ track }).expect(200)).body;
  }
  afterEach(async () => {
    await app?.close();
    await emulator?.close();
  });

  const rulesOf = () => [...emulator.stream.rules.rules.values()];
  const storedLinks = async () =>
    query<{ tag: string; n: number }>(
      app.dataSource.manager,
      'SELECT tag, COUNT(*) AS n FROM post_tags GROUP BY tag ORDER BY tag',
    );

  test('when terms are launched, then the rules are reconciled: ours added or deleted, the others kept and logged', async () => {
    emulator = await startStreamEmulator();
    const { rules } = emulator.stream;
    rules.rules.set('1', { id: '1', value: 'cats has:images', tag: 'pets' });
    rules.rules.set('2', { id: '2', value: '#old -is:retweet', tag: '#old' });
    rules.rules.set('3', { id: '3', value: '#devops -is:retweet', tag: '#devops' });
    app = await buildStreamApp(emulator);

    await app.api
      .post('/launch')
      .set(auth)
      .send({ track: ['#devops', '#sre'] })
      .expect(200);

    expect(rulesOf().map(({ value, tag }) => ({ value, tag }))).toEqual([
      { value: 'cats has:images', tag: 'pets' },
      { value: '#devops -is:retweet', tag: '#devops' },
      { value: '#sre -is:retweet', tag: '#sre' },
    ]);
    expect(rulesOf().find((rule) => rule.tag === '#devops')?.id).toBe('3');
    const logged = app.logs.find((line) => line['event.action'] === 'stream.rules');
    expect(logged).toMatchObject({ added: ['#sre'], deleted: ['#old'], others: [{ id: '1', tag: 'pets' }] });
    expect(logged?.run_id).toEqual(expect.any(String));

    await app.api
      .post('/launch')
      .set(auth)
      .send({ track: ['#sre'] })
      .expect(200);
    expect(rulesOf().map((rule) => rule.tag)).toEqual(['pets', '#sre']);
  });

  test('when posts stream in, then each is stored once under the term of every rule it matched', async () => {
    await launch(['#devops', '#sre']);
    await untilCurrent(app, (run) => run.stored! >= 100, 'a hundred stored posts');
    const { run } = (await app.api.post('/stop').set(auth).expect(200)).body;

    expect(run.stored + run.duplicates).toBe(run.amount);
    const [count] = await query<{ n: number }>(app.dataSource.manager, 'SELECT COUNT(*) AS n FROM posts');
    expect(Number(count?.n)).toBe(run.stored);
    const links = await storedLinks();
    expect(links.map((link) => link.tag)).toEqual(['#devops', '#sre']);
    await until(() => emulator.stream.open.size === 0, 'the connection to close', 2_000);
  });

  test.each([
    ['drops mid-stream', { streamDisconnectAfterPosts: 20 }, 'network'],
    ['falls silent (no heartbeat)', { streamSilenceNext: 1 }, 'stall'],
    ['answers 429 too many connections', { streamTooManyConnectionsNext: 2 }, 'http_429'],
    ['answers 503', { streamUnavailableNext: 2 }, 'http_503'],
    [
      'sends an operational disconnect',
      { streamOperationalDisconnectAfterPosts: 20 },
      'operational_disconnect',
    ],
  ])(
    'when the stream %s, then the run reconnects (%p) and goes on storing',
    async (_what, faults, reason) => {
      await launch(['#devops'], faults);

      await untilCurrent(
        app,
        (run) => run.reconnects_by_reason[reason]! >= 1 && run.stored! >= 30,
        `a ${reason} reconnect, then thirty stored posts`,
      );
      const metrics = (await app.api.get('/metrics')).text;
      expect(metrics).toMatch(new RegExp(`twitterapi_stream_reconnects_total\\{reason="${reason}"\\} [1-9]`));
      expect(
        app.logs.some((line) => line['event.action'] === 'stream.reconnect' && line.reason === reason),
      ).toBe(true);
    },
  );

  test('when X answers 401, then the run ends as unauthorized and /stop finds none', async () => {
    await launch(['#devops'], { unauthorized: true });

    await until(async () => (await statisticsOf(app)).current === null, 'the run to end');
    const stats = await statisticsOf(app);

    expect(stats.runs[0]).toMatchObject({ end_reason: 'unauthorized', amount: 0, reconnects: 0 });
    await app.api.post('/stop').set(auth).expect(409);
  });

  test('when garbage lines and duplicate posts arrive, then they are counted and every post is stored once', async () => {
    await launch(['#devops'], { streamGarbageEvery: 10, streamDuplicateEvery: 5 });

    await untilCurrent(app, (run) => run.stored! >= 50, 'fifty stored posts');
    const { run } = (await app.api.post('/stop').set(auth).expect(200)).body;

    expect(run.malformed).toBeGreaterThanOrEqual(5);
    expect(run.duplicates).toBeGreaterThanOrEqual(10);
    expect(run.stored + run.duplicates).toBe(run.amount);
    const [count] = await query<{ n: number }>(app.dataSource.manager, 'SELECT COUNT(*) AS n FROM posts');
    expect(Number(count?.n)).toBe(run.stored);
  });

  test('when the service stops during a run, then the connection to X is closed and the run recorded as ended', async () => {
    const { run_id } = await launch(['#devops']);
    await untilCurrent(app, (run) => run.stored! > 0, 'a stored post');

    await app.close();

    await until(() => emulator.stream.open.size === 0, 'the connection to close', 2_000);
    const line = app.logs.find((entry) => entry['event.action'] === 'stream.end');
    expect(line).toMatchObject({ end_reason: 'shutdown', run_id });
  });
});
