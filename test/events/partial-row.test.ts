import { DiscardPolicy, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { batchPublisher } from '../../src/events/publish-batch';
import { createOutboxRelay, type OutboxRelay } from '../../src/events/relay';
import { eventsOf } from '../../src/events/cloud-events';
import { outboxState, readOutbox } from '../../src/repositories/outbox';
import { storeBatch } from '../../src/repositories/post-writer';
import { buildTestApp, captureLogger, type TestApp } from '../helpers/app';
import {
  deleteStream,
  describeWithNats,
  NATS_URL,
  natsAvailable,
  readStream,
  testStream,
} from '../helpers/nats';
import { until } from '../helpers/until';

const ADA = { id: '7', name: 'Ada', username: 'ada', followersCount: 12, location: null };

/** A page of 100 new posts by Ada, ids counting up from `first`. */
function page(first: number) {
  const posts = Array.from({ length: 100 }, (_, index) => ({
    id: String(1_900_000_000_000_000_000n + BigInt(first + index)),
    text: `post ${first + index}`,
    authorId: '7',
    createdAt: '2026-11-20T10:00:00.000Z',
    lang: 'en',
    country: null,
  }));
  return { posts, authors: [ADA] };
}

const metricValue = async (metric: { get(): Promise<{ values: { value: number }[] }> }) =>
  (await metric.get()).values[0]?.value ?? 0;

describeWithNats(natsAvailable())('the relay when JetStream refuses part of a row', () => {
  const { stream, prefix } = testStream('partial-row');
  let app: TestApp;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let relay: OutboxRelay | undefined;

  beforeAll(async () => {
    // The outbox is on (NATS_URL set) but the app is not started: this test runs the relay itself.
    app = await buildTestApp({ env: { NATS_URL: 'nats://127.0.0.1:9', NATS_SUBJECT_PREFIX: prefix } });
    nc = await connect({ servers: NATS_URL });
    jsm = await jetstreamManager(nc);
    // Room for 150 messages, refusing more: the second page of 100 is stored only in half.
    await jsm.streams.add({
      name: stream,
      subjects: [`${prefix}.>`],
      max_msgs: 150,
      discard: DiscardPolicy.New,
      duplicate_window: nanos(10 * 60 * 1000),
    });
  });

  afterAll(async () => {
    await relay?.stop();
    await nc.close();
    await deleteStream(stream);
    await app.close();
  });

  it('when the stream takes half of a row, then the row stays, and once there is room every event is stored exactly once, in order', async () => {
    await storeBatch(app.store, '#devops', page(1));
    await storeBatch(app.store, '#devops', page(101));
    const written = (await readOutbox(app.store, 1000)).rows.flatMap((row) =>
      eventsOf(prefix, row).map((m) => m.id),
    );
    expect(written).toHaveLength(200);

    const publish = batchPublisher(nc, prefix, 2000);
    relay = createOutboxRelay({
      store: app.store,
      logger: captureLogger().logger,
      metrics: app.metrics.events,
      publisher: () => publish,
      maxRows: 1000,
      pollMs: 50,
      backoff: { baseMs: 50, maxMs: 100 },
    });
    relay.start();
    await until(async () => (await metricValue(app.metrics.events.publishFailures)) > 0, 'a refusal');
    expect((await outboxState(app.store)).depth).toBe(100); // the first page went, the second stays
    expect(await metricValue(app.metrics.events.published)).toBe(100);
    expect((await jsm.streams.info(stream)).state.messages).toBe(150);

    await jsm.streams.update(stream, { max_msgs: -1 });
    await until(async () => (await outboxState(app.store)).depth === 0, 'the outbox to drain');

    const delivered = await readStream(stream);
    expect(delivered.map((message) => message.msgId)).toEqual(written);
    expect(delivered.map((message) => message.event.id)).toEqual(written);
    expect(delivered.map((message) => (message.event.data as { post: { id: string } }).post.id)).toEqual(
      [...page(1).posts, ...page(101).posts].map((post) => post.id),
    );
    expect(await metricValue(app.metrics.events.published)).toBe(200);
  });
});
