import express from 'express';
import { createLiveHub, type LiveHub } from '../../src/live/hub';
import { createMetrics } from '../../src/observability/metrics';
import { liveRoutes } from '../../src/resources/live/routes';
import { buildTestApp, captureLogger, type TestApp } from '../helpers/app';
import { FakeClock } from '../helpers/clock';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { seed } from '../helpers/seed';
import { listenOnFreePort, openSse, type SseClient } from '../helpers/sse';
import { until } from '../helpers/until';

describe('GET /live/events on a clock the test moves', () => {
  let app: TestApp;
  let clock: FakeClock;
  let hub: LiveHub;
  let server: { url: string; close(): Promise<void> };
  let client: SseClient;
  const ana = buildUser({ username: 'ana' });
  const store = (tag: string, texts: string[]) =>
    seed(
      app.store,
      tag,
      buildPage(
        texts.map((text) => buildPost({ author: ana, text })),
        { users: [ana] },
      ),
    );
  const heartbeats = () => client.comments.filter((comment) => comment === 'heartbeat').length;

  beforeEach(async () => {
    app = await buildTestApp({ env: { LIVE_HEARTBEAT_MS: '100' } });
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
    await app.close();
  });

  test('when the stream is idle, then a heartbeat comment comes every LIVE_HEARTBEAT_MS and stats each second with the posts of that second', async () => {
    await store('#devops', ['a', 'b']);
    await client.waitFor('post', 2);
    // The next read comes COALESCE_MS after the last, by this clock: time must move for it.
    await store('#sre', ['c']);
    await clock.advance(300);
    await client.waitFor('post', 3);
    await until(() => heartbeats() === 3, 'three heartbeats', 5000);
    expect(client.events.filter((event) => event.event === 'stats')).toEqual([]);

    await clock.advance(700);
    const [first] = await client.waitFor('stats', 1);
    expect(JSON.parse(first!.data)).toEqual({
      time: new Date(clock.now()).toISOString(),
      posts_per_second: 3,
      tags: { '#devops': 2, '#sre': 1 },
    });

    await clock.advance(1000);
    const [, second] = await client.waitFor('stats', 2);
    expect(JSON.parse(second!.data)).toMatchObject({
      time: new Date(clock.now()).toISOString(),
      posts_per_second: 0,
    });
    await until(() => heartbeats() === 20, 'twenty heartbeats', 5000);
  });
});
