import { outboxState } from '../../src/repositories/outbox';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app';
import {
  deleteStream,
  describeWithNats,
  natsAvailable,
  NATS_HOST,
  NATS_PORT,
  readStream,
  testStream,
} from '../helpers/nats';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { until } from '../helpers/until';
import { expectValidEvent } from './asyncapi-schemas';

const MAX_ROWS = 100;
const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

describeWithNats(natsAvailable())('a stream run while the outbox is full', () => {
  const { stream, prefix } = testStream('stream-pause');
  let proxy: TcpProxy;
  let app: TestApp;

  beforeAll(async () => {
    proxy = await startTcpProxy({ host: NATS_HOST, port: NATS_PORT });
    await proxy.cut(); // NATS is away from the start
    // The first collection finds nothing (buildTestApp's source is empty): the stream alone fills the outbox.
    app = await buildTestApp({
      env: {
        HOST: '127.0.0.1',
        PORT: '0',
        TAGS: '#devops',
        STREAM_SAMPLE_RATE: '200',
        STREAM_BATCH_MS: '20',
        NATS_URL: `nats://127.0.0.1:${proxy.port}`,
        NATS_STREAM: stream,
        NATS_SUBJECT_PREFIX: prefix,
        OUTBOX_MAX_ROWS: String(MAX_ROWS),
      },
    });
  });

  afterAll(async () => {
    await app.close();
    await proxy.close();
    await deleteStream(stream);
  });

  const current = async () =>
    (await app.api.get('/statistics').expect(200)).body.current as {
      amount: number;
      stored: number;
      connected: boolean;
      reconnects_by_reason: Record<string, number>;
    } | null;
  const storedPosts = async () => {
    const [row] = await app.dataSource.query<{ n: number }[]>('SELECT COUNT(*) AS n FROM post_events');
    return Number(row?.n);
  };
  const logged = (action: string) => app.logs.filter((line) => line['event.action'] === action);

  it('when NATS is away, then the stream disconnects at OUTBOX_MAX_ROWS instead of dropping events, and resumes once they are published', async () => {
    await app.start();
    await until(() => logged('collection.end').length === 1, 'the first collection');
    await app.api
      .post('/launch')
      .set(auth)
      .send({ track: ['#devops'] })
      .expect(200);

    await until(
      async () => (await current())?.reconnects_by_reason.outbox_full === 1,
      'the stream to pause',
      10_000,
    );
    const receivedAtPause = (await current())!.amount;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Disconnected: nothing more received; what was received before is written, not dropped.
    expect((await current())!.amount).toBe(receivedAtPause);
    expect((await current())?.connected).toBe(false);
    await until(
      async () => (await storedPosts()) === (await current())!.stored,
      'the posts received before the pause to be written',
      10_000,
    );
    const pausedAt = await storedPosts();
    expect(pausedAt).toBeGreaterThanOrEqual(MAX_ROWS - 2);
    // Every stored post's event is kept: the posts, collection.finished and stream.run.started.
    expect((await outboxState(app.store)).depth).toBe(pausedAt + 2);
    expect(logged('stream.paused')).toHaveLength(1);
    expect(logged('stream.paused')[0]!.message).toBe(
      'the outbox is full (NATS has not taken its events): the stream stays disconnected from X until it has room',
    );

    await proxy.restore();
    await until(() => logged('stream.resumed').length === 1, 'the stream to resume', 20_000);
    await until(async () => (await storedPosts()) > pausedAt + 50, 'stream posts stored again', 10_000);
    await app.api.post('/stop').set(auth).expect(200);
    await until(async () => (await outboxState(app.store)).depth === 0, 'the outbox to drain', 20_000);

    const delivered = await readStream(stream);
    delivered.forEach((message) => expectValidEvent(message.event));
    const posts = delivered.filter((message) => message.event.type === 'post.stored');
    expect(posts).toHaveLength(await storedPosts());
    expect(new Set(posts.map((message) => message.event.id)).size).toBe(posts.length);
    expect(
      delivered.filter((message) => message.event.type !== 'post.stored').map((m) => m.event.type),
    ).toEqual(['collection.finished', 'stream.run.started', 'stream.run.ended']);
  }, 60_000);
});
