import { outboxState } from '../../src/repositories/outbox';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app';
import { freePort } from '../helpers/ports';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { pagesSource } from '../helpers/sources';
import { until } from '../helpers/until';

const MAX_ROWS = 50;

/** Five pages of twenty new posts for #devops. */
function source() {
  const author = buildUser();
  const page = () =>
    buildPage(
      Array.from({ length: 20 }, () => buildPost({ author })),
      { users: [author] },
    );
  return pagesSource({ '#devops': Array.from({ length: 5 }, page) });
}

describe('events when NATS is unreachable long enough to fill the outbox', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await buildTestApp({
      env: {
        HOST: '127.0.0.1',
        PORT: '0',
        TAGS: '#devops',
        TWEETS_PER_TAG: '1000',
        // Nothing listens there: every attempt to connect fails.
        NATS_URL: `nats://127.0.0.1:${await freePort()}`,
        NATS_STREAM: 'T_FULL',
        OUTBOX_MAX_ROWS: String(MAX_ROWS),
      },
      source: source(),
    });
  });

  afterAll(() => app.close());

  it('when the outbox holds OUTBOX_MAX_ROWS events, then collection pauses and says why, and nothing is dropped', async () => {
    await app.start();
    await until(
      () => app.logs.some((line) => line['event.action'] === 'collection.end'),
      'the first collection',
    );
    const { body } = await app.api.get('/database').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(502);
    // The first collection stored three pages (60 events >= 50); GET /database's run stops at once.
    expect(body.detail).toBe('no tag could be collected: #devops (failed)');
    expect(body.summary.tags).toEqual([
      expect.objectContaining({
        tag: '#devops',
        status: 'failed',
        new_posts: 0,
        incomplete: true,
        error: `the outbox is full (61 events waiting for NATS JetStream, OUTBOX_MAX_ROWS=${MAX_ROWS}): collection paused; the next run resumes once the relay has published them`,
      }),
    ]);
    expect(await countOf(app, 'post_events')).toBe(60);
    // 60 posts and two collection.finished, every one kept: a row per page of 20 and one per summary
    expect(await countOf(app, 'outbox')).toBe(5);
    expect(await outboxState(app.store)).toEqual({ depth: 62, oldest: expect.any(String) });
    await until(
      async () => (await app.metrics.events.outboxFull.get()).values[0]?.value === 1,
      'the gauge',
      5000,
    );
    expect(app.logs.filter((line) => line['event.action'] === 'outbox.full')).toHaveLength(1);
    const natsErrors = app.logs.filter((line) => line['event.action'] === 'events.nats_error');
    expect(natsErrors).toHaveLength(1);
    expect(natsErrors[0]!.message).toMatch(/^NATS at nats:\/\/127\.0\.0\.1:\d+ is unreachable or failing: /);
    // Never connected: the supervisor's line says why; the relay does not try, fail and say it again.
    expect(app.logs.filter((line) => line['event.action'] === 'events.publish_failed')).toEqual([]);
    expect((await app.metrics.events.publishFailures.get()).values[0]?.value ?? 0).toBe(0);
  });
});

async function countOf(app: TestApp, table: string): Promise<number> {
  const [row] = await app.dataSource.query<{ n: number }[]>(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row?.n);
}
