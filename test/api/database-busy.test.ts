import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { seed } from '../helpers/seed';
import { pagesSource } from '../helpers/sources';
import { holdWriteLock } from '../helpers/sqlite-lock';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

describe('writes while another process holds the write lock', () => {
  let app: TestApp;
  const user = buildUser();
  const pages = {
    '#devops': [
      buildPage([buildPost({ author: user }), buildPost({ author: user })], { users: [user] }, 'n'),
    ],
    '#sre': [buildPage([buildPost({ author: user })], { users: [user] })],
  };

  afterEach(() => app.close());

  test('when DELETE /database meets the lock, then the process stays responsive and the delete succeeds once it is released', async () => {
    app = await buildTestApp();
    await seed(app.store, '#devops', buildPage([buildPost({ author: user })], { users: [user] }));
    await app.api.get('/healthz').expect(200);
    const lock = holdWriteLock(app.config.databasePath);
    let releasedAt = 0;
    // Long enough for /healthz on a loaded machine; SQLite's old 5 s busy wait outlasted it.
    const releasing = setTimeout(() => {
      lock.release();
      releasedAt = Date.now();
    }, 1500);

    const deleting = app.api.delete('/database').set(auth);
    const deleted = deleting.then((res) => res);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const health = await app.api.get('/healthz').expect(200);
    const healthAnsweredAt = Date.now();
    const res = await deleted;
    clearTimeout(releasing);
    lock.release();

    expect(health.body).toEqual({ status: 'ok' });
    expect(healthAnsweredAt).toBeLessThan(releasedAt);
    expect({ status: res.status, body: res.body }).toEqual({
      status: 200,
      body: { message: 'database has been dropped' },
    });
    expect((await app.api.get('/tweets').expect(200)).body.tweets).toEqual([]);
  });

  test('when the lock outlasts DATABASE_BUSY_RETRY_MS, then DELETE /database answers 503 with Retry-After and nothing is removed', async () => {
    app = await buildTestApp({ env: { DATABASE_BUSY_RETRY_MS: '300' } });
    await seed(app.store, '#devops', buildPage([buildPost({ author: user })], { users: [user] }));
    const lock = holdWriteLock(app.config.databasePath);

    const res = await app.api.delete('/database').set(auth);
    lock.release();

    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body).toMatchObject({
      title: 'Service Unavailable',
      status: 503,
      detail: 'the database is busy with another writer (waited 300 ms); try again shortly',
    });
    expect((await app.api.get('/tweets').expect(200)).body.tweets).toHaveLength(1);
    await app.api.delete('/database').set(auth).expect(200);
  });

  test('when a collection meets the lock, then its pages are retried and every post is stored', async () => {
    app = await buildTestApp({ env: { TAGS: '#devops,#sre' }, source: pagesSource(pages) });
    const lock = holdWriteLock(app.config.databasePath);
    const releasing = setTimeout(() => lock.release(), 400);

    const res = await app.api.get('/database').set(auth);
    clearTimeout(releasing);
    lock.release();

    expect(res.status).toBe(200);
    expect(res.body.collected).toEqual({ '#devops': 2, '#sre': 1 });
    expect(res.body.summary).toMatchObject({ outcome: 'success', error: null });
    expect((await app.api.get('/tweets').expect(200)).body.tweets).toHaveLength(3);
  });
});
