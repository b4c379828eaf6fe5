import { buildTestApp, type TestApp } from '../helpers/app';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { seed } from '../helpers/seed';
import { metricValue } from '../helpers/metrics';
import { listenOnFreePort, openSse, stalledClient, type SseClient } from '../helpers/sse';
import { until } from '../helpers/until';

describe('GET /live/events', () => {
  let app: TestApp;
  let server: { url: string; close(): Promise<void> };
  const clients: SseClient[] = [];

  async function start(env: Record<string, string> = {}) {
    app = await buildTestApp({ env });
    server = await listenOnFreePort(app.http);
  }
  async function connect(path = '/live/events', headers: Record<string, string> = {}) {
    const client = await openSse(`${server.url}${path}`, headers);
    clients.push(client);
    return client;
  }
  const ana = buildUser({ name: 'Ana', username: 'ana', public_metrics: { followers_count: 1200 } });
  function store(tag: string, posts: { text?: string; lang?: string }[]) {
    return seed(
      app.store,
      tag,
      buildPage(
        posts.map((post) => buildPost({ author: ana, ...post })),
        { users: [ana] },
      ),
    );
  }
  const posts = (client: SseClient) => client.events.filter((event) => event.event === 'post');
  const texts = (client: SseClient) => posts(client).map((event) => JSON.parse(event.data).tweet);

  afterEach(async () => {
    clients.splice(0).forEach((client) => client.close());
    await app.close();
    await server.close();
  });

  test('when posts are stored after a client connects, then each arrives as a post event with its /tweets entry and a rising id', async () => {
    await start();
    const client = await connect();
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(client.headers['cache-control']).toBe('no-cache, no-transform');
    expect(client.headers['x-accel-buffering']).toBe('no');

    await store('#devops', [{ text: 'one', lang: 'pt' }]);
    await store('#sre', [{ text: 'two' }]);
    const [first, second] = await client.waitFor('post', 2);

    expect(client.retries).toEqual([2000]);
    const entry = JSON.parse(first!.data);
    expect(entry).toEqual({
      id: expect.stringMatching(/^\d+$/),
      tweet: 'one',
      author: 'Ana',
      username: 'ana',
      followers: 1200,
      created: '2026-11-20T10:00:00.000Z',
      lang: 'pt',
      country: null,
      country_name: null,
      rash: '#devops',
    });
    expect(JSON.parse(second!.data)).toMatchObject({ tweet: 'two', rash: '#sre' });
    expect(Number(second!.id)).toBe(Number(first!.id) + 1);
    const tweets = await app.api.get('/tweets?tag=devops').expect(200);
    expect(tweets.body.tweets).toEqual([entry]);
  });

  test('when a client filters by tag and language, then it receives only the posts that match both', async () => {
    await start();
    const filtered = await connect('/live/events?tag=DevOps&lang=pt');
    const all = await connect();
    await store('#devops', [{ text: 'devops pt', lang: 'pt' }, { text: 'devops en' }]);
    await store('#sre', [{ text: 'sre pt', lang: 'pt' }]);
    await all.waitFor('post', 3);
    await store('#devops', [{ text: 'devops pt again', lang: 'pt' }]);
    await filtered.waitFor('post', 2);

    expect(texts(filtered)).toEqual(['devops pt', 'devops pt again']);
    expect(texts(all).sort()).toEqual(['devops en', 'devops pt', 'devops pt again', 'sre pt'].sort());
  });

  test('when a client comes back with Last-Event-ID, then exactly the events it missed are replayed, then live ones', async () => {
    await start();
    const first = await connect();
    await store('#devops', [{ text: 'a' }, { text: 'b' }]);
    const seen = await first.waitFor('post', 2);
    first.close();
    await store('#devops', [{ text: 'c' }]);
    await store('#sre', [{ text: 'd' }]);

    const lastSeen = seen[1]!.id!;
    // The header (what a browser sends on reconnect) wins over the query the page opened with.
    const back = await connect(`/live/events?last_event_id=${Number(seen[0]!.id)}`, {
      'last-event-id': lastSeen,
    });
    await back.waitFor('post', 2);
    await store('#sre', [{ text: 'e' }]);
    await back.waitFor('post', 3);
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(texts(back)).toEqual(['c', 'd', 'e']);
    expect(posts(back).map((event) => Number(event.id))).toEqual([1, 2, 3].map((n) => Number(lastSeen) + n));
    expect(await metricValue(app, 'twitterapi_live_replay_requests_total{outcome="replayed"}')).toBe(1);
  });

  test('when Last-Event-ID is older than the replay window or not from this database, then a reload event is sent instead', async () => {
    await start({ LIVE_REPLAY_WINDOW: '2' });
    const first = await connect();
    await store('#devops', [{ text: 'a' }]);
    const [a] = await first.waitFor('post', 1);
    for (const text of ['b', 'c', 'd']) await store('#devops', [{ text }]);
    await first.waitFor('post', 4);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const stale = await connect('/live/events', { 'last-event-id': a!.id! });
    const [reload] = await stale.waitFor('reload', 1);
    expect(JSON.parse(reload!.data)).toEqual({ reason: 'outside_window' });
    expect(Number(reload!.id)).toBe(Number(a!.id) + 3);

    const unknown = await connect(`/live/events?last_event_id=${Number(a!.id) + 100}`);
    const [other] = await unknown.waitFor('reload', 1);
    expect(JSON.parse(other!.data)).toEqual({ reason: 'unknown_id' });
    expect(posts(stale)).toEqual([]);
    expect(await metricValue(app, 'twitterapi_live_replay_requests_total{outcome="reload"}')).toBe(2);
  });

  test('when a client stops reading, then it is dropped once it has owed more than the bound for LIVE_SLOW_CLIENT_MS, while a fast client receives everything', async () => {
    await start({ LIVE_CLIENT_BUFFER_BYTES: '65536', LIVE_SLOW_CLIENT_MS: '300' });
    const fast = await connect();
    const slow = await stalledClient(server.url);
    await until(async () => (await metricValue(app, 'twitterapi_live_clients')) === 2, 'two clients');

    const text = 'x'.repeat(1000);
    let stored = 0;
    while (
      (await metricValue(app, 'twitterapi_live_clients_dropped_total{reason="slow"}')) === 0 &&
      stored < 20_000
    ) {
      await store(
        '#devops',
        Array.from({ length: 20 }, (_, i) => ({ text: `${stored + i} ${text}` })),
      );
      stored += 20;
      // Let the sockets flush, as the network reads between a collection's pages do.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await fast.waitFor('post', stored, 20_000);

    expect(await metricValue(app, 'twitterapi_live_clients_dropped_total{reason="slow"}')).toBe(1);
    // The gauge follows the dropped socket's close event.
    await until(
      async () => (await metricValue(app, 'twitterapi_live_clients')) === 1,
      'one client left',
      5000,
    );
    expect(new Set(texts(fast)).size).toBe(stored);
    const [dropped] = app.logs.filter((line) => line['event.action'] === 'live.client_dropped');
    // Written to only below the bound: what it owes stays within the bound and one chunk.
    expect(dropped?.unsent_bytes).toBeLessThanOrEqual(2 * 65536 + 2048);
    slow.destroy();
  }, 60_000);

  test('when LIVE_MAX_CLIENTS are connected, then one more gets 503 problem+json with Retry-After', async () => {
    await start({ LIVE_MAX_CLIENTS: '1' });
    await connect();
    const refused = await app.api.get('/live/events').expect(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      status: 503,
      detail: 'the live event stream serves at most 1 clients',
    });
    expect(await metricValue(app, 'twitterapi_live_clients_refused_total{cap="clients"}')).toBe(1);
  });

  test('when a client leaves its stream, then the request is counted as a 200 and its length is not observed as a latency', async () => {
    await start();
    const client = await connect();
    client.close();
    await until(async () => (await metricValue(app, 'twitterapi_live_clients')) === 0, 'no client');
    await until(
      async () =>
        (await metricValue(
          app,
          'http_requests_total{method="GET",route="/live/events",status_code="200"}',
        )) === 1,
      'the request counted',
    );
    expect(
      await metricValue(app, 'http_requests_total{method="GET",route="/live/events",status_code="499"}'),
    ).toBeNaN();
    expect(
      await metricValue(
        app,
        'http_request_duration_seconds_count{method="GET",route="/live/events",status_code="200"}',
      ),
    ).toBeNaN();
    expect(
      app.logs
        .filter((line) => line['url.path'] === '/live/events')
        .map((line) => [line['log.level'], line['http.response.status_code']]),
    ).toEqual([['info', 200]]);
  });

  test('when Last-Event-ID or a filter is malformed, then 400 problem+json names it', async () => {
    await start();
    const header = await app.api.get('/live/events').set('Last-Event-ID', 'abc').expect(400);
    expect(header.body.detail).toBe('Last-Event-ID: must be the id of an event this stream sent');
    const tag = await app.api.get('/live/events?tag=no%20way').expect(400);
    expect(tag.body.detail).toBe('tag: must be a hashtag such as #devops or devops');
  });
});
