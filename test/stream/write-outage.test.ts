import { ADMIN_TOKEN, type TestApp } from '../helpers/app';
import { streamAppWithOutage, type Outage, type StreamAppWithOutage } from '../helpers/database-outage';
import { until } from '../helpers/until';

const MAX_QUEUED = 60;
const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

describe('a stream run while the database refuses writes', () => {
  let setup: StreamAppWithOutage;
  let outage: Outage;
  let app: TestApp;

  beforeAll(async () => {
    setup = await streamAppWithOutage({ STREAM_MAX_QUEUED_POSTS: String(MAX_QUEUED) });
    ({ app, outage } = setup);
  });

  afterAll(() => setup.close());

  const logged = (action: string) => app.logs.filter((line) => line['event.action'] === action);
  const gauge = async (metric: 'streamWriteBacklog' | 'streamMessages' | 'streamLost') =>
    (await app.metrics[metric].get()).values[0]?.value ?? 0;

  it('when writes fail, then the batch is retried, the run disconnects at STREAM_MAX_QUEUED_POSTS, and every post received is stored once the database is back', async () => {
    await app.api
      .post('/launch')
      .set(auth)
      .send({ track: ['#devops'] })
      .expect(200);
    await until(async () => (await gauge('streamMessages')) >= 20, 'the stream to deliver posts');

    await outage.begin();
    await until(
      () => logged('stream.paused').some((line) => line.reason === 'write_backlog'),
      'the stream to pause for the write backlog',
      15_000,
    );
    const received = await gauge('streamMessages');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // Disconnected: nothing more arrives, and what waits stays near the bound (one check's worth past it).
    expect(await gauge('streamMessages')).toBe(received);
    const waiting = await gauge('streamWriteBacklog');
    expect(waiting).toBeGreaterThanOrEqual(MAX_QUEUED);
    expect(waiting).toBeLessThan(MAX_QUEUED + 60);
    expect(logged('stream.write_retry').length).toBeGreaterThan(0);
    expect(logged('stream.write_error')).toEqual([]);

    await outage.end();
    await until(
      () => logged('stream.resumed').some((line) => line.reason === 'write_backlog'),
      'the stream to resume',
      20_000,
    );
    await until(async () => (await gauge('streamMessages')) > received + 30, 'posts received again');
    const stopped = (await app.api.post('/stop').set(auth).expect(200)).body.run as {
      amount: number;
      stored: number;
      duplicates: number;
      reconnects_by_reason: Record<string, number>;
    };

    // Nothing lost: every post received was written (a retry after a commit whose answer was cut counts as a duplicate).
    expect(stopped.stored + stopped.duplicates).toBe(stopped.amount);
    expect(stopped.reconnects_by_reason.write_backlog).toBeGreaterThanOrEqual(1);
    expect(await gauge('streamLost')).toBe(0);
    expect(await gauge('streamWriteBacklog')).toBe(0);
    const [row] = await app.dataSource.query<{ n: number }[]>('SELECT COUNT(*) AS n FROM posts');
    expect(Number(row!.n)).toBeGreaterThanOrEqual(stopped.stored);
    expect(Number(row!.n)).toBeLessThanOrEqual(stopped.amount);
    expect(logged('stream.write_recovered').length).toBeGreaterThan(0);
    expect(logged('stream.write_error')).toEqual([]);
  }, 60_000);
});
