import express from 'express';
import type { Store } from '../../src/repositories/store';
import { openStore } from '../../src/service';
import { COMMIT_GRACE_MS, createLiveHub, POLL_MS, type LiveHub } from '../../src/live/hub';
import { createMetrics } from '../../src/observability/metrics';
import { query } from '../../src/repositories/sql';
import { liveRoutes } from '../../src/resources/live/routes';
import { buildTestApp, captureLogger, type TestApp } from '../helpers/app';
import { FakeClock } from '../helpers/clock';
import { TEST_DIALECT, testDatabaseSettings } from '../helpers/database';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { seed } from '../helpers/seed';
import { listenOnFreePort, openSse, type SseClient } from '../helpers/sse';

// SQLite has one writer at a time: its sequence numbers commit in order, and this cannot happen there.
const onPostgres = TEST_DIALECT === 'postgres' ? describe : describe.skip;

onPostgres('GET /live/events when PostgreSQL commits sequence numbers out of order', () => {
  let app: TestApp;
  let other: Store;
  let clock: FakeClock;
  let hub: LiveHub;
  let server: { url: string; close(): Promise<void> };
  let client: SseClient;
  const ana = buildUser({ username: 'ana' });
  const texts = () =>
    client.events
      .filter((event) => event.event === 'post')
      .map((event) => JSON.parse(event.data).tweet as string);
  const ids = () => client.events.filter((event) => event.event === 'post').map((event) => Number(event.id));

  beforeEach(async () => {
    app = await buildTestApp();
    // Another replica's connection to the same database.
    other = await openStore(await testDatabaseSettings(app.config.databasePath));
    // The hub alone on a clock the test moves: the grace period is then exact, whatever the machine's load.
    clock = new FakeClock();
    const { logger } = captureLogger();
    const metrics = createMetrics().live;
    hub = createLiveHub({ store: app.store, config: app.config.live, metrics, logger, clock });
    server = await listenOnFreePort(express().use(liveRoutes(hub)));
    client = await openSse(`${server.url}/live/events`);
  });
  afterEach(async () => {
    client.close();
    await hub.close();
    await server.close();
    await other.close();
    await app.close();
  });

  /**
   * Another replica's transaction that took its sequence number and waits for `outcome`. It writes the
   * post and its event alone (no counter, no data_version), so it holds no row the later write needs:
   * the later one commits first, as happens between writes of different tags.
   */
  async function heldOpen(
    text: string,
    outcome: Promise<'commit' | 'rollback'>,
  ): Promise<{ done: Promise<void> }> {
    const runner = other.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const q = (sql: string, parameters: Record<string, unknown>) => query(runner.manager, sql, parameters);
    await q("INSERT INTO authors (id, name, username, followers_count) VALUES ('77', 'Bo', 'bo', 1)", {});
    await q(
      "INSERT INTO posts (id, text, author_id, created_at, lang, country) VALUES ('1800000000000000001', :text, '77', '2026-11-28T10:00:00.000Z', 'en', NULL)",
      { text },
    );
    await q(
      "INSERT INTO post_events (post_id, tag, stored_at) VALUES ('1800000000000000001', '#sre', :now)",
      {
        now: new Date().toISOString(),
      },
    );
    const finish = async () => {
      if ((await outcome) === 'commit') await runner.commitTransaction();
      else await runner.rollbackTransaction();
      await runner.release();
    };
    return { done: finish() };
  }

  test('when a later sequence number commits first, then neither is sent until the earlier commits, then both in sequence order', async () => {
    let decide!: (outcome: 'commit') => void;
    const slow = await heldOpen('earlier', new Promise((resolve) => (decide = resolve)));
    await seed(
      app.store,
      '#devops',
      buildPage([buildPost({ author: ana, text: 'later' })], { users: [ana] }),
    );
    // Each poll reads the later one and holds it back behind the gap.
    await clock.advance(COMMIT_GRACE_MS - 1);

    expect(texts()).toEqual([]);
    decide('commit');
    await slow.done;
    // Another replica's commit is read at the next poll.
    await clock.advance(POLL_MS);
    await client.waitFor('post', 2, 3000);
    expect(texts()).toEqual(['earlier', 'later']);
    expect(ids()[1]).toBe(ids()[0]! + 1);
  });

  test('when the earlier one rolls back, then the later one is sent at the first poll after the gap has lasted the grace period, not before', async () => {
    let decide!: (outcome: 'rollback') => void;
    const slow = await heldOpen('never', new Promise((resolve) => (decide = resolve)));
    await seed(
      app.store,
      '#devops',
      buildPage([buildPost({ author: ana, text: 'later' })], { users: [ana] }),
    );
    decide('rollback');
    await slow.done;
    // The gap is first seen by the read after the commit, or at the latest by the first poll.
    await clock.advance(COMMIT_GRACE_MS - 1);
    expect(texts()).toEqual([]);
    await clock.advance(POLL_MS + 1);

    expect((await client.waitFor('post', 1)).length).toBe(1);
    expect(texts()).toEqual(['later']);
  });
});
