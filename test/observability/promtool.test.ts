import { spawnSync } from 'node:child_process';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app';
import { describeWithTool, findTool } from '../helpers/external-tool';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { pagesSource } from '../helpers/sources';

const promtool = findTool('promtool');

describeWithTool(promtool)('promtool check metrics', () => {
  let app: TestApp;
  afterEach(() => app.close());

  test('when /metrics is scraped after traffic and a collection, then promtool accepts it', async () => {
    const user = buildUser();
    app = await buildTestApp({
      env: { TAGS: '#devops' },
      source: pagesSource({ '#devops': [buildPage([buildPost({ author: user })], { users: [user] })] }),
    });
    await app.api.get('/database').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
    await app.api.get('/tweets').expect(200);
    await app.api.get('/nope').expect(404);
    const text = (await app.api.get('/metrics').expect(200)).text;

    const result = spawnSync(promtool!, ['check', 'metrics'], { input: text, encoding: 'utf8' });

    expect({ status: result.status, output: `${result.stdout}${result.stderr}`.trim() }).toEqual({
      status: 0,
      output: '',
    });
    expect(text).toMatch(/^twitterapi_collection_runs_total\{outcome="success"\} 1$/m);
  });
});
