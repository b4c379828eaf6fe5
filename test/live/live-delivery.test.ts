import http from 'node:http';
import type net from 'node:net';
import { buildTestApp, type TestApp } from '../helpers/app';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { seed } from '../helpers/seed';
import { metricValue } from '../helpers/metrics';
import { listenOnFreePort, openSse, stalledClient, type SseClient } from '../helpers/sse';
import { until } from '../helpers/until';

/** Live delivery at its seams: bursts, readers that stop, addresses that take every connection, resumes. */
describe('GET /live/events under load', () => {
  let app: TestApp;
  let server: { url: string; close(): Promise<void> };
  const clients: SseClient[] = [];
  const sockets: net.Socket[] = [];

  async function start(env: Record<string, string> = {}) {
    app = await buildTestApp({ env });
    server = await listenOnFreePort(app.http);
  }
  async function connect(path = '/live/events', headers: Record<string, string> = {}) {
    const client = await openSse(`${server.url}${path}`, headers);
    clients.push(client);
    return client;
  }
  const from = (address: string) => ({ 'x-forwarded-for': address });
  const ana = buildUser({ name: 'Ana', username: 'ana' });
  /** `count` posts stored as a collection stores them: pages of up to 1,000 in a row. */
  async function storeBurst(tag: string, count: number, text = (i: number) => `post ${i}`) {
    for (let first = 0; first < count; first += 1000) {
      const size = Math.min(1000, count - first);
      const posts = Array.from({ length: size }, (_, i) => buildPost({ author: ana, text: text(first + i) }));
      await seed(app.store, tag, buildPage(posts, { users: [ana] }));
    }
  }
  const postIds = (client: SseClient) =>
    client.events.filter((event) => event.event === 'post').map((event) => Number(event.id));

  afterEach(async () => {
    clients.splice(0).forEach((client) => client.close());
    sockets.splice(0).forEach((socket) => socket.destroy());
    await app.close();
    await server.close();
  });

  test('when a collection stores 10,000 entries, then three fast readers receive every one in order and a reader that stopped is dropped within LIVE_SLOW_CLIENT_MS, owing at most the bound and a chunk', async () => {
    await start({ LIVE_SLOW_CLIENT_MS: '1000' });
    const fast = [await connect(), await connect(), await connect()];
    sockets.push(await stalledClient(server.url));
    await until(async () => (await metricValue(app, 'twitterapi_live_clients')) === 4, 'four clients');

    // Long texts: the burst (about 25 MB) is far more than the sockets' own buffers can take.
    await storeBurst('#devops', 10_000, (i) => `${i} ${'x'.repeat(2000)}`);
    const newest = await newestSeq(app);
    for (const client of fast) await client.waitFor('post', 10_000, 60_000);

    const expected = Array.from({ length: 10_000 }, (_, i) => newest - 9_999 + i);
    for (const client of fast) expect(postIds(client)).toEqual(expected);
    await until(
      async () => (await metricValue(app, 'twitterapi_live_clients_dropped_total{reason="slow"}')) === 1,
      'the stopped reader dropped',
      10_000,
    );
    expect(await metricValue(app, 'twitterapi_live_clients')).toBe(3);
    const drops = app.logs.filter((line) => line['event.action'] === 'live.client_dropped');
    expect(drops).toHaveLength(1);
    expect(drops[0]!.unsent_bytes).toBeLessThanOrEqual(2 * 131072 + 4096);
  }, 120_000);

  test('when one address opens streams until refused, then it gets 429 at its cap while another address connects, /healthz answers, and the process cap answers 503', async () => {
    await start({ LIVE_MAX_CLIENTS_PER_ADDRESS: '3', LIVE_MAX_CLIENTS: '5', HTTP_MAX_CONNECTIONS: '8' });
    const opened: SseClient[] = [];
    for (;;) {
      const client = await connect('/live/events', from('203.0.113.7'));
      if (client.status !== 200) break;
      opened.push(client);
      if (opened.length > 10) break;
    }
    expect(opened).toHaveLength(3);
    const refused = clients[clients.length - 1]!;
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(refused.body)).toMatchObject({
      status: 429,
      detail: 'the live event stream serves at most 3 clients per address',
    });

    expect((await connect('/live/events', from('198.51.100.1'))).status).toBe(200);
    expect((await connect('/live/events', from('198.51.100.2'))).status).toBe(200);
    await app.api.get('/healthz').expect(200);
    const full = await connect('/live/events', from('198.51.100.3'));
    expect(full.status).toBe(503);
    expect(full.headers['retry-after']).toBe('5');
    expect(await metricValue(app, 'twitterapi_live_clients_refused_total{cap="address"}')).toBe(1);
    expect(await metricValue(app, 'twitterapi_live_clients_refused_total{cap="clients"}')).toBe(1);

    // A stream that closes frees its address's place.
    opened[0]!.close();
    await until(async () => (await metricValue(app, 'twitterapi_live_clients')) === 4, 'four clients');
    expect((await connect('/live/events', from('203.0.113.7'))).status).toBe(200);
  });

  test('when one address resumes more than LIVE_RESUMES_PER_MINUTE times, then it gets 429 with Retry-After while another address still resumes', async () => {
    await start({ LIVE_RESUMES_PER_MINUTE: '2' });
    await storeBurst('#devops', 3);
    const newest = await newestSeq(app);
    const resume = (address: string) => connect(`/live/events?last_event_id=${newest - 1}`, from(address));

    const first = await resume('203.0.113.7');
    expect((await resume('203.0.113.7')).status).toBe(200);
    const third = await resume('203.0.113.7');
    expect(third.status).toBe(429);
    expect(Number(third.headers['retry-after'])).toBe(30);
    expect(JSON.parse(third.body).detail).toBe('at most 2 resumes a minute per address');
    // A plain connection is no resume.
    expect((await connect('/live/events', from('203.0.113.7'))).status).toBe(200);
    const other = await resume('198.51.100.1');
    expect(other.status).toBe(200);
    expect(postIds(await waitForPosts(first, 1))).toEqual([newest]);
    expect(await metricValue(app, 'twitterapi_live_clients_refused_total{cap="resumes"}')).toBe(1);
  });

  test('when a client resumes from before the events kept in memory, then it gets exactly what it missed, filtered in the database, then live ones', async () => {
    await start();
    await storeBurst('#devops', 1200);
    await storeBurst('#sre', 5);
    const newest = await newestSeq(app);
    // The hub started after these were stored: a resume reads them from the database.
    const sre = await connect(`/live/events?tag=sre&last_event_id=${newest - 1205}`, from('198.51.100.1'));
    const all = await connect(`/live/events?last_event_id=${newest - 1205}`, from('198.51.100.2'));
    await all.waitFor('post', 1205, 20_000);
    await storeBurst('#sre', 1);

    await sre.waitFor('post', 6);
    await all.waitFor('post', 1206);
    expect(postIds(sre)).toEqual([1, 2, 3, 4, 5, 6].map((n) => newest - 5 + n));
    expect(postIds(all)).toEqual(Array.from({ length: 1206 }, (_, i) => newest - 1204 + i));
  });

  test('when 30 clients resume a few events back while posts are stored at 500 a second, then each receives every id once, in order', async () => {
    await start();
    let storing = true;
    // Two writers at once: on PostgreSQL their sequence numbers commit out of order.
    const writers = [0, 1].map(async (writer) => {
      for (let round = 0; storing; round++) {
        await storeBurst('#devops', 5, (i) => `${writer} ${round} ${i}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    const runs = Array.from({ length: 30 }, async (_, i) => {
      const first = await connect('/live/events', from(`198.51.100.${i + 1}`));
      const before = postIds(await waitForPosts(first, 5));
      first.close();
      const resumeAt = before[before.length - 3]!;
      const back = await connect('/live/events', {
        ...from(`198.51.100.${i + 1}`),
        'last-event-id': String(resumeAt),
      });
      const after = postIds(await waitForPosts(back, 30));
      back.close();
      return [...before.filter((id) => id <= resumeAt), ...after.slice(0, 30)];
    });
    const received = await Promise.all(runs);
    storing = false;
    await Promise.all(writers);

    const stored = new Set(
      (await app.dataSource.query<{ seq: number }[]>('SELECT seq FROM post_events')).map((row) =>
        Number(row.seq),
      ),
    );
    for (const ids of received) {
      const expected = [...stored].filter((seq) => seq >= ids[0]! && seq <= ids[ids.length - 1]!);
      expect(ids).toEqual(expected.sort((a, b) => a - b));
    }
  }, 60_000);

  test('when 50 clients resume at once with a tag that matches nothing, then /healthz stays within twice its p99 while 50 clients connect without resuming', async () => {
    await start({ LIVE_MAX_CLIENTS_PER_ADDRESS: '1' });
    await storeBurst('#devops', 10_000);
    const newest = await newestSeq(app);
    await healthzP99(server.url, 200); // warm: the burst's garbage collected, connections pooled
    // What 50 connections cost by themselves (parsing, logging, the stream's headers), in this
    // process; the median of three rounds of each.
    const plain: number[] = [];
    const resuming: number[] = [];
    let streams: SseClient[] = [];
    for (let round = 0; round < 3; round++) {
      const opened = await whileConnecting(50, (i) =>
        connect('/live/events?tag=nomatch', from(`2001:db8::${round}:${i + 1}`)),
      );
      plain.push(opened.p99);
      opened.streams.forEach((stream) => stream.close());
      streams.forEach((stream) => stream.close());
      const resumed = await whileConnecting(50, (i) =>
        connect(
          `/live/events?tag=nomatch&last_event_id=${newest - 9_999}`,
          from(`2001:db8::1${round}:${i + 1}`),
        ),
      );
      resuming.push(resumed.p99);
      streams = resumed.streams;
      expect(streams.map((stream) => stream.status)).toEqual(Array(50).fill(200));
    }

    expect(median(resuming)).toBeLessThanOrEqual(Math.max(2 * median(plain), median(plain) + 2));
    await storeBurst('#nomatch', 1);
    for (const stream of streams) expect(postIds(await waitForPosts(stream, 1))).toEqual([newest + 1]);
  }, 60_000);

  /** The /healthz p99 while `count` streams open at once, and the streams. */
  async function whileConnecting(count: number, open: (i: number) => Promise<SseClient>) {
    const opening = Array.from({ length: count }, (_, i) => open(i));
    const p99 = await healthzP99(server.url, 200);
    return { p99, streams: await Promise.all(opening) };
  }
});

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function waitForPosts(client: SseClient, count: number): Promise<SseClient> {
  await client.waitFor('post', count, 10_000);
  return client;
}

/** The p99, in ms, of `count` /healthz requests one after the other on one kept-alive connection. */
async function healthzP99(url: string, count: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    const status = await new Promise<number>((resolve, reject) =>
      http
        .get(`${url}/healthz`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        })
        .on('error', reject),
    );
    if (status !== 200) throw new Error(`/healthz answered ${status}`);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  agent.destroy();
  times.sort((a, b) => a - b);
  return times[Math.floor(count * 0.99) - 1]!;
}

async function newestSeq(app: TestApp): Promise<number> {
  const [row] = await app.dataSource.query<{ newest: number }[]>(
    'SELECT MAX(seq) AS newest FROM post_events',
  );
  return Number(row!.newest);
}
