import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app';
import { until } from '../helpers/until';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

describe('POST /launch, POST /stop, GET /statistics on the sample replay', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await buildTestApp({ env: { STREAM_SAMPLE_RATE: '400', STREAM_BATCH_MS: '20' } });
  });
  afterEach(() => app.close());

  const statistics = async () => (await app.api.get('/statistics').expect(200)).body;

  test('when no run ever ran, then the statistics are zero with no current run', async () => {
    expect(await statistics()).toEqual({ amount: 0, speed: 0, elapsed_time: 0, current: null, runs: [] });
  });

  test('when /launch is called without the admin token, then it is 401 and nothing starts', async () => {
    await app.api
      .post('/launch')
      .send({ track: ['#devops'] })
      .expect(401);

    expect((await statistics()).current).toBeNull();
  });

  test.each([
    ['{}', 'track: '],
    ['{"track": []}', 'track: at least one term'],
    ['{"track": ["two words"]}', 'track.0: each term is a word'],
    ['{"track": [""]}', 'track.0: a term must not be empty'],
    [JSON.stringify({ track: Array.from({ length: 26 }, (_, i) => `t${i}`) }), 'track: at most 25 terms'],
    [JSON.stringify({ track: ['a'.repeat(501)] }), 'track.0: a term is at most 500'],
    ['{"track": ["x"], "follow": 1}', 'unknown field(s): follow'],
    ['{"track": ', ''],
  ])('when the body is %s, then it is a 400 problem naming the field', async (body, detail) => {
    const res = await app.api
      .post('/launch')
      .set(auth)
      .set('content-type', 'application/json')
      .send(body)
      .expect(400)
      .expect('content-type', /application\/problem\+json/);

    expect(res.body.detail).toContain(detail);
    expect((await statistics()).current).toBeNull();
  });

  test('when no run is active, then /stop is a 409 problem', async () => {
    const res = await app.api.post('/stop').set(auth).expect(409);

    expect(res.body).toMatchObject({ status: 409, title: 'Conflict' });
  });

  test('when a run is launched and stopped, then its posts are stored under its terms and counted once', async () => {
    const launched = await app.api
      .post('/launch')
      .set(auth)
      .send({ track: ['#DevOps', 'sre', '#devops'] })
      .expect(200);
    expect(launched.body).toEqual({
      process_started: true,
      run_id: expect.any(String),
      replaced: false,
      track: ['#devops', 'sre'],
    });

    await until(async () => (await statistics()).current.stored >= 50, 'fifty stored posts', 10_000);
    const stopped = await app.api.post('/stop').set(auth).expect(200);

    const run = stopped.body.run;
    expect(stopped.body).toMatchObject({ process_stopped: true, run_id: launched.body.run_id });
    expect(run.end_reason).toBe('stopped');
    expect(run.stored + run.duplicates).toBe(run.amount);
    const stats = await statistics();
    expect(stats.current).toBeNull();
    expect(stats.amount).toBe(run.amount);
    expect(stats.runs).toEqual([
      {
        id: launched.body.run_id,
        track: ['#devops', 'sre'],
        started_at: run.started_at,
        ended_at: run.ended_at,
        elapsed_time: run.elapsed_time,
        amount: run.amount,
        stored: run.stored,
        duplicates: run.duplicates,
        lost: 0,
        reconnects: 0,
        end_reason: 'stopped',
      },
    ]);
    const perTag = (await app.api.get('/tweets_per_tag').expect(200)).body.tweets_per_tags as {
      rash: string;
      tweets: number;
    }[][];
    const countOf = (tag: string) =>
      perTag.flat().reduce((sum, entry) => sum + (entry.rash === tag ? entry.tweets : 0), 0);
    expect(countOf('#devops')).toBeGreaterThan(0);
    expect(countOf('#devops') + countOf('sre')).toBeGreaterThanOrEqual(run.stored);
    await app.api.post('/stop').set(auth).expect(409);
  });

  test('when /launch is called while a run is active, then the same run takes the new terms', async () => {
    const first = await app.api
      .post('/launch')
      .set(auth)
      .send({ track: ['#devops'] })
      .expect(200);
    const second = await app.api
      .post('/launch')
      .set(auth)
      .send({ track: ['#sre'] })
      .expect(200);

    expect(second.body).toMatchObject({ run_id: first.body.run_id, replaced: true, track: ['#sre'] });
    const stats = await statistics();
    expect(stats.current).toMatchObject({ id: first.body.run_id, track: ['#sre'] });
    expect(stats.runs).toHaveLength(1);
  });

  test('when the database is dropped during a run, then the posts go but the run and its statistics stay', async () => {
    const { run_id } = (
      await app.api
        .post('/launch')
        .set(auth)
        .send({ track: ['#devops'] })
        .expect(200)
    ).body;
    await until(async () => (await statistics()).current.stored > 0, 'a stored post', 10_000);

    await app.api.delete('/database').set(auth).expect(200);
    const { run } = (await app.api.post('/stop').set(auth).expect(200)).body;

    const stats = await statistics();
    expect(stats.runs).toHaveLength(1);
    expect(stats.runs[0]).toMatchObject({ id: run_id, amount: run.amount, end_reason: 'stopped' });
    expect(stats.amount).toBe(run.amount);
  });
});
