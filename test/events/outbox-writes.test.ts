import { eventsOf } from '../../src/events/cloud-events';
import { outboxState, readOutbox } from '../../src/repositories/outbox';
import { storeBatch } from '../../src/repositories/post-writer';
import { insertRun, saveRun } from '../../src/repositories/stream-runs';
import { buildTestApp, type TestApp } from '../helpers/app';
import { buildPage, buildPost, buildStartedRun, buildUser } from '../helpers/factories';
import { pagesSource } from '../helpers/sources';
import { expectValidEvent } from './asyncapi-schemas';

const ADA = { id: '7', name: 'Ada', username: 'ada', followersCount: 12, location: null };
const POST = {
  id: '1900000000000000001',
  text: 'shipping',
  authorId: '7',
  createdAt: '2026-11-20T10:00:00.000Z',
  lang: 'en',
  country: 'PT',
};

interface OutboxEvent {
  type: string;
  subject: string;
  data: unknown;
}

/** Every event waiting, in order, as the relay reads them. */
async function outboxRows(app: TestApp): Promise<{ id: string; subject: string; event: OutboxEvent }[]> {
  const { rows: writes } = await readOutbox(app.store, 1000);
  return writes.flatMap((write) =>
    eventsOf('acme', write).map((message) => ({
      id: message.id,
      subject: message.subject,
      event: JSON.parse(message.payload) as OutboxEvent & { id: string },
    })),
  );
}

describe('the outbox with events on (relay not started)', () => {
  let app: TestApp;

  beforeEach(async () => {
    // Nothing listens on port 9: the app is not started, so nothing is published and the rows stay.
    app = await buildTestApp({ env: { NATS_URL: 'nats://127.0.0.1:9', NATS_SUBJECT_PREFIX: 'acme' } });
  });

  afterEach(() => app.close());

  it('when a post is stored under a second tag, then its second event names both tags from the database', async () => {
    await storeBatch(app.store, '#devops', { posts: [POST], authors: [ADA] });
    await storeBatch(app.store, '#sre', {
      posts: [{ ...POST, text: 'edited' }],
      authors: [ADA],
      origin: 'stream',
    });
    await storeBatch(app.store, '#sre', { posts: [POST], authors: [ADA] }); // nothing new: no event

    const rows = await outboxRows(app);
    expect(rows.map((row) => row.subject)).toEqual(['acme.posts.devops', 'acme.posts.sre']);
    expect(rows.map((row) => row.event.data)).toEqual([
      {
        post: {
          id: POST.id,
          tweet: 'shipping',
          author: 'Ada',
          username: 'ada',
          followers: 12,
          created: POST.createdAt,
          lang: 'en',
          country: 'PT',
          country_name: 'Portugal',
          rash: '#devops',
        },
        author: { name: 'Ada', username: 'ada', followers: 12 },
        tag: '#devops',
        tags: ['#devops'],
        source: 'collection',
      },
      expect.objectContaining({
        // the stored post (its first text), not the batch's copy
        post: expect.objectContaining({ tweet: 'shipping', rash: '#sre' }),
        tag: '#sre',
        tags: ['#devops', '#sre'],
        source: 'stream',
      }),
    ]);
    rows.forEach((row) => expectValidEvent(row.event));
  });

  it('when a page of three new posts is stored, then its three events are one outbox row, in the order stored', async () => {
    const posts = ['1900000000000000011', '1900000000000000012', '1900000000000000013'].map((id) => ({
      ...POST,
      id,
      text: `post ${id}`,
    }));
    await storeBatch(app.store, '#devops', { posts, authors: [ADA] });

    const stored = await app.dataSource.query<{ events: number }[]>('SELECT events FROM outbox');
    expect(stored.map((row) => Number(row.events))).toEqual([3]);
    const rows = await outboxRows(app);
    expect(rows.map((row) => (row.event.data as { post: { id: string } }).post.id)).toEqual(
      posts.map((post) => post.id),
    );
    expect(rows.map((row) => row.id)).toEqual(rows.map((row) => (row.event as { id?: string }).id));
    expect(new Set(rows.map((row) => row.id)).size).toBe(3);
    expect(await outboxState(app.store)).toEqual({ depth: 3, oldest: expect.any(String) });
  });

  it('when the relay reads a batch, then it takes whole rows up to the size (at least one) and says whether more wait', async () => {
    for (const first of [21, 31, 41]) {
      const posts = [0, 1, 2].map((offset) => ({ ...POST, id: `19000000000000000${first + offset}` }));
      await storeBatch(app.store, '#devops', { posts, authors: [ADA] });
    }
    const read = async (maxEvents: number) => {
      const { rows, more } = await readOutbox(app.store, maxEvents);
      return { events: rows.map((row) => row.events), more };
    };
    expect(await read(5)).toEqual({ events: [3], more: true }); // the second row would make 6
    expect(await read(6)).toEqual({ events: [3, 3], more: true });
    expect(await read(9)).toEqual({ events: [3, 3, 3], more: false });
    expect(await read(1)).toEqual({ events: [3], more: true }); // a row larger than the batch still goes
  });

  it('when a stream run starts and ends, then each is one event on the runs subject with the stored run', async () => {
    const run = buildStartedRun({ id: 'run-1', track: ['#devops'], startedAt: '2026-11-29T20:00:00.000Z' });
    await insertRun(app.store, run);
    const progress = {
      track: ['#devops'],
      lastHeartbeatAt: '2026-11-29T20:01:00.000Z',
      elapsedMs: 60000,
      amount: 7,
      stored: 4,
      duplicates: 1,
      lost: 2,
      reconnects: 2,
    };
    await saveRun(app.store, 'run-1', progress); // a heartbeat: no event
    await saveRun(app.store, 'run-1', progress, {
      endedAt: '2026-11-29T20:01:00.000Z',
      reason: 'stopped',
    });

    const rows = await outboxRows(app);
    expect(rows.map((row) => [row.subject, row.event.type, row.event.subject])).toEqual([
      ['acme.runs', 'stream.run.started', 'run-1'],
      ['acme.runs', 'stream.run.ended', 'run-1'],
    ]);
    expect(rows[1]!.event.data).toEqual({
      id: 'run-1',
      track: ['#devops'],
      started_at: '2026-11-29T20:00:00.000Z',
      ended_at: '2026-11-29T20:01:00.000Z',
      elapsed_ms: 60000,
      amount: 7,
      stored: 4,
      duplicates: 1,
      lost: 2,
      reconnects: 2,
      end_reason: 'stopped',
    });
    rows.forEach((row) => expectValidEvent(row.event));
  });
});

describe('the outbox with events off', () => {
  it('when NATS_URL is unset and a collection stores posts, then nothing is written to the outbox', async () => {
    const author = buildUser();
    const app = await buildTestApp({
      env: { TAGS: '#devops' },
      source: pagesSource({
        '#devops': [buildPage([buildPost({ author }), buildPost({ author })], { users: [author] })],
      }),
    });
    try {
      const summary = await app.collector.run('cli');
      expect(summary.tags[0]!.new_posts).toBe(2);
      const [row] = await app.dataSource.query<{ n: number }[]>('SELECT COUNT(*) AS n FROM outbox');
      expect(Number(row!.n)).toBe(0);
    } finally {
      await app.close();
    }
  });
});
