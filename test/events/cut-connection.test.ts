import { outboxState } from '../../src/repositories/outbox';
import { buildTestApp, type TestApp } from '../helpers/app';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import {
  deleteStream,
  describeWithNats,
  natsAvailable,
  NATS_HOST,
  NATS_PORT,
  readStream,
  testStream,
  type DeliveredEvent,
} from '../helpers/nats';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { pagesSource } from '../helpers/sources';
import { until } from '../helpers/until';
import { expectValidEvent } from './asyncapi-schemas';

const TAGS = ['#devops', '#sre'];
const PAGES_PER_TAG = 30;
const POSTS_PER_PAGE = 20;

/** Thirty pages of twenty new posts per tag, one every 60 ms: the collection lasts about two seconds. */
function slowSource() {
  const author = buildUser();
  const pages = Object.fromEntries(
    TAGS.map((tag) => [
      tag,
      Array.from({ length: PAGES_PER_TAG }, () =>
        buildPage(
          Array.from({ length: POSTS_PER_PAGE }, () => buildPost({ author })),
          { users: [author] },
        ),
      ),
    ]),
  );
  return pagesSource(pages, { delayMs: 60 });
}

describeWithNats(natsAvailable())('events when the NATS connection is cut mid-collection', () => {
  const { stream, prefix } = testStream('cut-connection');
  let proxy: TcpProxy;
  let app: TestApp;

  beforeAll(async () => {
    proxy = await startTcpProxy({ host: NATS_HOST, port: NATS_PORT });
    app = await buildTestApp({
      env: {
        HOST: '127.0.0.1',
        PORT: '0',
        TAGS: TAGS.join(','),
        TWEETS_PER_TAG: '10000',
        NATS_URL: `nats://127.0.0.1:${proxy.port}`,
        NATS_STREAM: stream,
        NATS_SUBJECT_PREFIX: prefix,
      },
      source: slowSource(),
    });
  });

  afterAll(async () => {
    await app.close();
    await proxy.close();
    await deleteStream(stream);
  });

  it('when the connection drops and comes back, then every stored post is delivered exactly once, in order per tag', async () => {
    await app.start(); // the empty database starts the first collection
    await until(async () => (await outboxPublished(app)) > 0, 'the first events published', 10_000);
    await proxy.cut();
    await until(async () => (await outboxDepth(app)) > 100, 'the outbox growing while NATS is cut', 10_000);
    await proxy.restore();
    await until(
      () => app.logs.some((line) => line['event.action'] === 'collection.end'),
      'the collection to end',
      30_000,
    );
    await until(async () => (await outboxDepth(app)) === 0, 'the outbox to drain', 30_000);

    const delivered = await readStream(stream);
    const stored = (
      await app.dataSource.query<{ post_id: string; tag: string }[]>(
        'SELECT post_id, tag FROM post_events ORDER BY seq',
      )
    ).map((row) => ({ post_id: String(row.post_id), tag: row.tag }));
    expect(stored).toHaveLength(TAGS.length * PAGES_PER_TAG * POSTS_PER_PAGE);
    const posts = delivered.filter((message) => message.event.type === 'post.stored');
    // Exactly once: as many deliveries as stored entries, no event id twice, the same (post, tag) pairs.
    expect(posts).toHaveLength(stored.length);
    expect(new Set(posts.map((message) => message.event.id)).size).toBe(stored.length);
    expect(posts.map((message) => message.msgId)).toEqual(posts.map((message) => message.event.id));
    for (const tag of TAGS) {
      expect(postIdsOf(posts, tag)).toEqual(
        stored.filter((row) => row.tag === tag).map((row) => row.post_id),
      );
    }
    const runs = delivered.filter((message) => message.subject === `${prefix}.runs`);
    expect(runs.map((message) => message.event.type)).toEqual(['collection.finished']);
    delivered.forEach((message) => expectValidEvent(message.event));
    expect(app.logs.some((line) => line['event.action'] === 'events.publish_failed')).toBe(true);
    expect(app.logs.some((line) => line['event.action'] === 'events.publish_resumed')).toBe(true);
  }, 90_000);
});

function postIdsOf(messages: DeliveredEvent[], tag: string): string[] {
  return messages
    .filter((message) => (message.event.data as { tag: string }).tag === tag)
    .map((message) => (message.event.data as { post: { id: string } }).post.id);
}

const outboxDepth = async (app: TestApp) => (await outboxState(app.store)).depth;

async function outboxPublished(app: TestApp): Promise<number> {
  const metric = await app.metrics.events.published.get();
  return metric.values[0]?.value ?? 0;
}
