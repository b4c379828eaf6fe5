import { ADMIN_TOKEN, type TestApp } from '../helpers/app';
import { streamAppWithOutage, type Outage, type StreamAppWithOutage } from '../helpers/database-outage';
import { until } from '../helpers/until';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

interface WireRun {
  id: string;
  ended_at: string | null;
  end_reason: string | null;
  amount: number;
  stored: number;
  duplicates: number;
  lost: number;
}

describe('POST /stop while the database refuses writes', () => {
  let setup: StreamAppWithOutage;
  let outage: Outage;
  let app: TestApp;

  beforeAll(async () => {
    setup = await streamAppWithOutage();
    ({ app, outage } = setup);
  });

  afterAll(() => setup.close());

  const logged = (action: string) => app.logs.filter((line) => line['event.action'] === action);

  it('when the run is stopped during the outage, then /stop answers the ended run and its end is saved once the database is back', async () => {
    await app.api
      .post('/launch')
      .set(auth)
      .send({ track: ['#devops'] })
      .expect(200);
    await until(async () => (await app.metrics.streamStored.get()).values[0]!.value >= 20, 'posts stored');

    await outage.begin();
    await until(() => logged('stream.write_retry').length > 0, 'a write to be retried', 15_000);
    const stopped = (await app.api.post('/stop').set(auth).expect(200)).body.run as WireRun;

    expect(stopped.end_reason).toBe('stopped');
    expect(stopped.ended_at).not.toBeNull();
    // The batch being retried when the run stopped is tried once more, and lost.
    expect(stopped.lost).toBeGreaterThan(0);
    expect(stopped.stored + stopped.duplicates + stopped.lost).toBe(stopped.amount);
    expect(logged('stream.end_unsaved')).toHaveLength(1);

    await outage.end();
    await until(() => logged('stream.end_saved').length === 1, 'the end saved', 20_000);
    const { current, runs, amount } = (await app.api.get('/statistics').expect(200)).body as {
      current: unknown;
      runs: WireRun[];
      amount: number;
    };
    expect(current).toBeNull();
    // The saved run is the run /stop answered, field by field.
    const { malformed, reconnects_by_reason, connected, ...saved } = stopped as WireRun &
      Record<string, unknown>;
    expect([malformed, typeof reconnects_by_reason, connected]).toEqual([0, 'object', false]);
    expect(runs).toEqual([saved]);
    expect(amount).toBe(stopped.amount);
    // A new run starts as usual after it.
    await app.api
      .post('/launch')
      .set(auth)
      .send({ track: ['#devops'] })
      .expect(200);
    await app.api.post('/stop').set(auth).expect(200);
  }, 60_000);
});
