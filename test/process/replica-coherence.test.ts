import { openSse, type SseClient } from '../helpers/sse';
import { adminHeaders, startReplicas, type Replica, type Replicas } from '../helpers/replicas';
import { until } from '../helpers/until';

const json = { ...adminHeaders, 'content-type': 'application/json' };
const posts = (client: SseClient) =>
  client.events
    .filter((event) => event.event === 'post')
    .map((event) => `${event.id} ${(JSON.parse(event.data) as { id: string }).id}`);

describe('two replicas on one database (SQLite file): answers and live events', () => {
  let replicas: Replicas | undefined;
  const clients: SseClient[] = [];

  afterEach(() => {
    clients.splice(0).forEach((client) => client.close());
    replicas?.cleanup();
    replicas = undefined;
  });

  async function start(): Promise<[Replica, Replica]> {
    replicas = await startReplicas(['replica-a', 'replica-b'], {
      TWEET_SOURCE: 'sample',
      TAGS: '#devops,#sre',
      STREAM_SAMPLE_RATE: '40',
      STREAM_BATCH_MS: '50',
    });
    const [a, b] = replicas.all as [Replica, Replica];
    await until(() => a.actions().includes('collection.end'), 'the first-start collection', 20_000);
    return [a, b];
  }

  async function streamOn(replica: Replica, work: () => Promise<void>): Promise<void> {
    const launched = await fetch(`${replica.url}/launch`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ track: ['#devops', '#sre'] }),
    });
    expect(launched.status).toBe(200);
    await work();
    expect((await fetch(`${replica.url}/stop`, { method: 'POST', headers: adminHeaders })).status).toBe(200);
  }

  test('when B stores posts, then an answer A had cached shows them within one second', async () => {
    const [a, b] = await start();
    const before = await fetch(`${a.url}/tweets_per_tag`);
    const cachedTag = before.headers.get('etag');
    expect((await fetch(`${a.url}/tweets_per_tag`)).headers.get('etag')).toBe(cachedTag);

    await streamOn(b, () =>
      until(
        async () => (await fetch(`${b.url}/statistics`)).ok && (await statsOf(b)) >= 20,
        'posts streamed on B',
        10_000,
      ),
    );
    const onB = await (await fetch(`${b.url}/tweets_per_tag`)).text();
    const storedAt = Date.now();
    let onA = '';
    while (Date.now() - storedAt < 1000 && onA !== onB)
      onA = await (await fetch(`${a.url}/tweets_per_tag`)).text();

    expect(onA).toBe(onB);
    expect(onA).not.toBe(await before.text());
  });

  test('when B stores posts, then a live client on A receives them with the same event ids as a client on B, within a second', async () => {
    const [a, b] = await start();
    const onA = await openSse(`${a.url}/live/events`);
    const onB = await openSse(`${b.url}/live/events`);
    clients.push(onA, onB);
    const seenA = firstSeen(onA);
    const seenB = firstSeen(onB);

    await streamOn(b, () => until(() => posts(onB).length >= 20, 'twenty events on B', 10_000));
    await quiet(onB, 500);
    await until(() => posts(onA).length === posts(onB).length, 'every event on A', 5000);
    seenA.stop();
    seenB.stop();

    expect(posts(onA)).toEqual(posts(onB));
    const ids = posts(onA).map((entry) => Number(entry.split(' ')[0]));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(ids.length);
    const lags = posts(onB).map((entry) => seenA.at.get(entry)! - seenB.at.get(entry)!);
    process.stdout.write(
      `live events on A after B: max ${Math.max(...lags)} ms over ${lags.length} events\n`,
    );
    expect(Math.max(...lags)).toBeLessThan(1000);
  });
});

/** When each post event first arrived, sampled every 10 ms. */
function firstSeen(client: SseClient) {
  const at = new Map<string, number>();
  const timer = setInterval(() => {
    for (const entry of posts(client)) if (!at.has(entry)) at.set(entry, Date.now());
  }, 10);
  return { at, stop: () => clearInterval(timer) };
}

/** Resolves once no event arrived on `client` for `ms`. */
async function quiet(client: SseClient, ms: number): Promise<void> {
  let count = -1;
  while (count !== client.events.length) {
    count = client.events.length;
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
}

/** Posts the current or last stream run of a replica stored. */
async function statsOf(replica: Replica): Promise<number> {
  const body = (await (await fetch(`${replica.url}/statistics`)).json()) as {
    current: { stored: number } | null;
    runs: { stored: number }[];
  };
  return body.current?.stored ?? body.runs[0]?.stored ?? 0;
}
