import type { DataSource } from 'typeorm';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app';
import { TEST_DIALECT } from '../helpers/database';
import { until } from '../helpers/until';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const REFUSAL = 'posts refused by the test trigger';

/** The database refusing every new post for good (an error no retry mends), then accepting them again. */
const refusePosts = (dataSource: DataSource) =>
  TEST_DIALECT === 'postgres'
    ? dataSource.query(`CREATE FUNCTION refuse_posts() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '${REFUSAL}'; END $$;
        CREATE TRIGGER refuse_posts BEFORE INSERT ON posts FOR EACH ROW EXECUTE FUNCTION refuse_posts()`)
    : dataSource.query(
        `CREATE TRIGGER refuse_posts BEFORE INSERT ON posts BEGIN SELECT RAISE(ABORT, '${REFUSAL}'); END`,
      );

const acceptPosts = (dataSource: DataSource) =>
  dataSource.query(
    TEST_DIALECT === 'postgres' ? 'DROP TRIGGER refuse_posts ON posts' : 'DROP TRIGGER refuse_posts',
  );

interface WireRun {
  id: string;
  amount: number;
  stored: number;
  duplicates: number;
  lost: number;
}

describe('a stream run whose posts the database refuses for good', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildTestApp({ env: { STREAM_SAMPLE_RATE: '300', STREAM_BATCH_MS: '20' } });
  });
  afterAll(() => app.close());

  const lostMetric = async () => (await app.metrics.streamLost.get()).values[0]?.value ?? 0;
  const current = async () => (await app.api.get('/statistics').expect(200)).body.current as WireRun;

  it('when writes fail with an error no retry mends, then the posts are counted as lost in the run, the metric and the statistics', async () => {
    await app.api
      .post('/launch')
      .set(auth)
      .send({ track: ['#devops'] })
      .expect(200);
    await until(async () => (await current()).stored >= 10, 'posts stored');

    await refusePosts(app.dataSource);
    await until(async () => (await current()).lost >= 10, 'posts counted as lost', 15_000);
    await acceptPosts(app.dataSource);
    const storedBefore = (await current()).stored;
    await until(async () => (await current()).stored > storedBefore + 10, 'posts stored again', 15_000);
    const stopped = (await app.api.post('/stop').set(auth).expect(200)).body.run as WireRun;

    expect(stopped.lost).toBeGreaterThanOrEqual(10);
    expect(stopped.stored + stopped.duplicates + stopped.lost).toBe(stopped.amount);
    expect(await lostMetric()).toBe(stopped.lost);
    const [ended] = (await app.api.get('/statistics').expect(200)).body.runs as WireRun[];
    expect(ended).toMatchObject({ id: stopped.id, lost: stopped.lost, amount: stopped.amount });
    const [row] = await app.dataSource.query<{ n: number }[]>('SELECT COUNT(*) AS n FROM posts');
    expect(Number(row!.n)).toBe(stopped.stored);
    const errors = app.logs.filter((line) => line['event.action'] === 'stream.write_error');
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(errors[0])).toContain(REFUSAL);
  }, 60_000);
});
