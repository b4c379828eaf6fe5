import type { Emulator } from '../../emulator/server';
import type { TestApp } from '../helpers/app';
import { auth, buildStreamApp, startStreamEmulator, statisticsOf, untilCurrent } from './x-api-helpers';

describe('stream control on one process: launch and stop one at a time, terms as tags, refused rules', () => {
  let emulator: Emulator;
  let app: TestApp;

  beforeEach(async () => {
    emulator = await startStreamEmulator({ streamRefusedTerms: ['#refused', 'nope'] });
    app = await buildStreamApp(emulator);
  });
  afterEach(async () => {
    await app?.close();
    await emulator?.close();
  });

  const launch = (track: string[]) => app.api.post('/launch').set(auth).send({ track });
  const stop = () => app.api.post('/stop').set(auth);
  const ruleTags = () => [...emulator.stream.rules.rules.values()].map((rule) => rule.tag);

  test('when /stop and then /launch are sent together, then the run is stopped and a new one runs afterwards', async () => {
    const first = (await launch(['#devops']).expect(200)).body;
    await untilCurrent(app, (current) => (current.stored ?? 0) > 0, 'posts of the first run');

    const [stopped, launched] = await Promise.all([stop(), launch(['#sre'])]);

    expect(stopped.status).toBe(200);
    expect(stopped.body.run).toMatchObject({ id: first.run_id, end_reason: 'stopped' });
    expect(launched.status).toBe(200);
    expect(launched.body).toMatchObject({ process_started: true, replaced: false, track: ['#sre'] });
    expect(launched.body.run_id).not.toBe(first.run_id);
    await untilCurrent(app, (current) => (current.stored ?? 0) > 0, 'posts of the second run');
    const stats = await statisticsOf(app);
    expect(stats.current).toMatchObject({ id: launched.body.run_id, track: ['#sre'], connected: true });
    expect(stats.runs.map((run: { end_reason: string | null }) => run.end_reason)).toEqual([null, 'stopped']);
  });

  test('when /launch and then /stop are sent together with no run, then the launched run is the one stopped', async () => {
    const [launched, stopped] = await Promise.all([launch(['#devops']), stop()]);

    expect(launched.status).toBe(200);
    expect(launched.body.replaced).toBe(false);
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ process_stopped: true, run_id: launched.body.run_id });
    const stats = await statisticsOf(app);
    expect(stats.current).toBeNull();
    expect(stats.runs).toHaveLength(1);
    expect(stats.runs[0]).toMatchObject({ id: launched.body.run_id, end_reason: 'stopped' });
  });

  test('when X refuses rules, then /launch answers 400 naming each refused term and its reason, and nothing is left behind', async () => {
    const answer = await launch(['#devops', '#refused', 'nope']).expect(400);

    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.body.refused).toEqual([
      { term: '#refused', reason: "UnprocessableEntity: Reference to invalid field '#refused'" },
      { term: 'nope', reason: "UnprocessableEntity: Reference to invalid field 'nope'" },
    ]);
    expect(answer.body.detail).toContain('#refused');
    expect(answer.body.detail).toContain('nope');
    expect(ruleTags()).toEqual([]);
    const stats = await statisticsOf(app);
    expect(stats).toMatchObject({ current: null, runs: [] });
    expect(emulator.stream.connections.opened).toBe(0);
  });

  test('when X refuses the new terms of a running run, then the run keeps its terms and rules', async () => {
    const first = (await launch(['#devops']).expect(200)).body;

    await launch(['#sre', '#refused']).expect(400);

    expect(ruleTags()).toEqual(['#devops']);
    const stats = await statisticsOf(app);
    expect(stats.current).toMatchObject({ id: first.run_id, track: ['#devops'] });
  });

  test('when terms carry combining marks, a decomposed accent or a dotted capital I, then they are spelt as the collector spells tags', async () => {
    const answer = await launch(['#हिन्दी', '#cafe\u0301', '#İstanbul', '"Çay Saati"']).expect(200);

    expect(answer.body.track).toEqual(['#हिन्दी', '#caf\u00e9', '#istanbul', '"çay saati"']);
    expect(ruleTags()).toEqual(['#हिन्दी', '#caf\u00e9', '#istanbul', '"çay saati"']);
  });

  test('when another process holds a live run on the same database, then a process alone refuses to launch and leaves its rules', async () => {
    const first = (await launch(['#devops']).expect(200)).body;
    await untilCurrent(app, (current) => (current.stored ?? 0) > 0, 'posts of the first run');
    const alone = await buildStreamApp(emulator, { DATABASE_PATH: app.config.databasePath });

    try {
      const refused = await alone.api
        .post('/launch')
        .set(auth)
        .send({ track: ['#sre'] })
        .expect(409);

      expect(refused.body.detail).toMatch(/^a stream run is live elsewhere/);
      expect(ruleTags()).toEqual(['#devops']);
      expect(emulator.stream.connections).toEqual({ opened: 1, tooMany: 0 });
      expect((await statisticsOf(app)).current).toMatchObject({ id: first.run_id, connected: true });
    } finally {
      await alone.close();
    }
  });
});
