import type { Problem } from '../../clients/typescript';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { pagesSource } from '../helpers/sources';
import { clientTestApp, expectedProblem, type ClientTestApp } from '../helpers/typed-client';
import { until } from '../helpers/until';

describe('the generated TypeScript client against the running app: admin operations', () => {
  let it: ClientTestApp;
  beforeEach(async () => {
    const user = buildUser();
    const posts = [buildPost({ author: user }), buildPost({ author: user })];
    it = await clientTestApp({
      env: { TAGS: '#devops', STREAM_SAMPLE_RATE: '400', STREAM_BATCH_MS: '20' },
      source: pagesSource({ '#devops': [buildPage(posts, { users: [user] })] }),
    });
  });
  afterEach(() => it.close());

  test('when a collection is run, the database dropped, and HEAD tried, then each answer is typed', async () => {
    const restored = await it.admin.GET('/database');
    const head = await it.admin.HEAD('/database');
    const dropped = await it.admin.DELETE('/database');
    const after = await it.api.GET('/tweets');

    expect(restored.data).toMatchObject({
      message: 'database has been restored',
      failed_tags: [],
      collected: { '#devops': 2 },
      summary: { trigger: 'request', outcome: 'success' },
    });
    expect([head.response.status, head.response.headers.get('allow')]).toEqual([405, 'GET, DELETE']);
    expect(dropped.data).toEqual({ message: 'database has been dropped' });
    expect(after.data).toEqual({ tweets: [], next_cursor: null });
  });

  test('when an admin operation is called without the token, then error is the typed 401 problem', async () => {
    const collection = await it.api.GET('/database');
    const launch = await it.api.POST('/launch', { body: { track: ['#devops'] } });
    const typed: Problem | undefined = launch.error;

    const unauthorized = expectedProblem(
      401,
      'Unauthorized',
      'this endpoint requires Authorization: Bearer <ADMIN_TOKEN>',
    );
    expect(collection.error).toEqual(unauthorized);
    expect(typed).toEqual(unauthorized);
    expect(launch.response.headers.get('www-authenticate')).toBe('Bearer realm="twitter-api"');
  });

  test('when a stream run is launched, counted and stopped, then each answer is typed, and a second stop is a 409', async () => {
    const launched = await it.admin.POST('/launch', { body: { track: ['#DevOps'] } });
    await until(
      async () => ((await it.api.GET('/statistics')).data?.current?.stored ?? 0) >= 5,
      'five stored posts',
      10_000,
    );
    const stopped = await it.admin.POST('/stop');
    const statistics = await it.api.GET('/statistics');
    const again = await it.admin.POST('/stop');

    expect(launched.data).toEqual({
      process_started: true,
      run_id: expect.any(String),
      replaced: false,
      track: ['#devops'],
    });
    expect(stopped.data).toMatchObject({ process_stopped: true, run_id: launched.data?.run_id });
    expect(statistics.data?.current).toBeNull();
    expect(statistics.data?.runs.map((run) => [run.id, run.end_reason])).toEqual([
      [launched.data?.run_id, 'stopped'],
    ]);
    expect(again.error).toEqual(
      expectedProblem(409, 'Conflict', 'no stream run is active; POST /launch starts one'),
    );
  });

  test('when a launch body breaks the schema, then error is the typed 400 naming the term', async () => {
    const { error, response } = await it.admin.POST('/launch', { body: { track: ['two words'] } });

    expect(response.status).toBe(400);
    expect(error?.detail).toContain('track.0: each term is a word');
  });
});
