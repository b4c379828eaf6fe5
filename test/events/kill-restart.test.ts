import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/service';
import { testDatabaseSettings } from '../helpers/database';
import { startMain, type MainProcess } from '../helpers/main-process';
import {
  deleteStream,
  describeWithNats,
  natsAvailable,
  readStream,
  ackDelayingProxy,
  testStream,
  withNats,
  type AckDelayingProxy,
} from '../helpers/nats';
import { until } from '../helpers/until';
import { jetstreamManager } from '@nats-io/jetstream';
import { expectValidEvent } from './asyncapi-schemas';

describeWithNats(natsAvailable())('events when the app is killed with a non-empty outbox', () => {
  const { stream, prefix } = testStream('kill-restart');
  const dir = mkdtempSync(join(tmpdir(), 'events-kill-'));
  const databasePath = join(dir, 't.db');
  let proxy: AckDelayingProxy;
  const apps: MainProcess[] = [];

  const start = async () => {
    const app = await startMain({
      DATABASE_PATH: databasePath,
      TWEET_SOURCE: 'sample',
      TAGS: '#devops,#sre,#observability',
      NATS_URL: `nats://127.0.0.1:${proxy.port}`,
      NATS_STREAM: stream,
      NATS_SUBJECT_PREFIX: prefix,
    });
    apps.push(app);
    await app.ready(30_000);
    return app;
  };

  beforeAll(async () => {
    proxy = await ackDelayingProxy();
  });

  afterAll(async () => {
    apps.forEach((app) => app.cleanup());
    await proxy.close();
    await deleteStream(stream);
    rmSync(dir, { recursive: true, force: true });
  });

  it('when it is SIGKILLed after JetStream stored events it had not heard back about, then the restart delivers every event exactly once', async () => {
    proxy.cut(); // NATS away: the first collection fills the outbox
    const first = await start();
    await until(
      () => first.lines.some((line) => line['event.action'] === 'collection.end'),
      'the collection',
    );
    const written = await outboxDepth(databasePath);
    expect(written).toBeGreaterThan(100);

    // Acks held back: JetStream stores the publishes, the app never learns it before it is killed.
    proxy.delayReplies(1500);
    proxy.restore();
    await until(async () => (await streamMessages(stream)) > 0, 'the first events in the stream', 20_000);
    await first.signal('SIGKILL');
    expect(await outboxDepth(databasePath)).toBe(written);

    proxy.delayReplies(0);
    const second = await start();
    await until(async () => (await outboxDepth(databasePath)) === 0, 'the outbox to drain', 60_000);
    await second.signal('SIGTERM');

    const delivered = await readStream(stream);
    const stored = await countPostEvents(databasePath);
    const posts = delivered.filter((message) => message.event.type === 'post.stored');
    expect(posts).toHaveLength(stored);
    expect(new Set(posts.map((message) => message.event.id)).size).toBe(stored);
    expect(delivered.filter((message) => message.event.type === 'collection.finished')).toHaveLength(1);
    expect(delivered).toHaveLength(written);
    delivered.forEach((message) => expectValidEvent(message.event));
  }, 90_000);
});

async function outboxDepth(databasePath: string): Promise<number> {
  return countOf(databasePath, 'SELECT COALESCE(SUM(events), 0) AS n FROM outbox');
}

async function countPostEvents(databasePath: string): Promise<number> {
  return countOf(databasePath, 'SELECT COUNT(*) AS n FROM post_events');
}

async function countOf(databasePath: string, sql: string): Promise<number> {
  const store = await openStore(await testDatabaseSettings(databasePath));
  try {
    const [row] = await store.dataSource.query<{ n: number }[]>(sql);
    return Number(row?.n ?? 0);
  } finally {
    await store.close();
  }
}

function streamMessages(stream: string): Promise<number> {
  return withNats(async (nc) => (await (await jetstreamManager(nc)).streams.info(stream)).state.messages);
}
