import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { PostSource } from '../src/collector/types';
import type { SearchPage, XPost, XUser } from '../src/x/wire';
import { loadConfig } from '../src/config';
import { consumeEvents } from '../src/events/consumer';
import { storeBatch } from '../src/repositories/post-writer';
import { outboxState } from '../src/repositories/outbox';
import { createService, type Service } from '../src/service';
import { startEmulatorProcess } from './emulator-process';

/**
 * `npm run bench:events` (NATS with JetStream at NATS_URL, default nats://127.0.0.1:4222):
 * 1. relay throughput: a prefilled outbox published to JetStream (target >= 10,000 events/s);
 * 2. stored-to-consumed latency at 1,000 posts/s through the outbox, the relay and a durable consumer
 *    (target p99 < 100 ms);
 * 3. collection throughput with events on against off (target >= 0.7): CPU-bound (every page at once)
 *    and with PAGE_DELAY_MS per page (X answers in ~200 ms), ROUNDS rounds each;
 * 4. live stream throughput with events on against off (target >= 0.7): posts stored per second from
 *    the emulator offering STREAM_RATE posts/s, ROUNDS rounds.
 * PARTS picks some (relay,latency,collection,stream).
 */
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const RELAY_EVENTS = Number(process.env.RELAY_EVENTS ?? 20_000);
const LATENCY_SECONDS = Number(process.env.LATENCY_SECONDS ?? 10);
const COLLECT_POSTS = Number(process.env.COLLECT_POSTS ?? 10_000);
const PAGE_DELAY_MS = Number(process.env.PAGE_DELAY_MS ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const STREAM_RATE = Number(process.env.STREAM_RATE ?? 20_000);
const STREAM_SECONDS = Number(process.env.STREAM_SECONDS ?? 5);
/** which measurements to run: relay, latency, collection, stream (all by default) */
const PARTS = (process.env.PARTS ?? 'relay,latency,collection,stream').split(',');
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';

let sequence = 0;
const author: XUser = { id: '42', name: 'Bench', username: 'bench' };
const post = (): XPost => {
  const id = String(1_900_000_000_000_000_000n + BigInt(++sequence));
  return {
    id,
    text: `bench post ${id} #devops`,
    author_id: '42',
    created_at: '2026-11-20T10:00:00.000Z',
    lang: 'en',
  };
};
const page = (size: number): SearchPage => {
  const data = Array.from({ length: size }, post).reverse();
  return { data, includes: { users: [author] }, meta: { result_count: size } };
};
const normalised = (size: number) => ({
  posts: Array.from({ length: size }, () => {
    const { id, text, created_at } = post();
    return { id, text, authorId: '42', createdAt: created_at, lang: 'en', country: null };
  }),
  authors: [{ id: '42', name: 'Bench', username: 'bench', followersCount: 1, location: null }],
});

async function service(name: string, env: Record<string, string>, source?: PostSource) {
  const dir = mkdtempSync(join(tmpdir(), `events-bench-${name}-`));
  const stream = `BENCH_${name}_${process.pid}`;
  const created = await createService({
    config: loadConfig({
      DATABASE_PATH: join(dir, 'bench.db'),
      HOST: '127.0.0.1',
      PORT: '0',
      TWEET_SOURCE: 'sample',
      LOG_LEVEL: 'error',
      NATS_STREAM: stream,
      NATS_SUBJECT_PREFIX: `bench_${name}_${process.pid}`,
      ...env,
    }),
    source: source ?? { name: 'sample', pages: async function* () {} },
  });
  return {
    service: created,
    stream,
    async close() {
      await created.stop();
      if (env.NATS_URL) await deleteStream(stream);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function deleteStream(stream: string) {
  const nc = await connect({ servers: NATS_URL });
  await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
  await nc.close();
}

async function untilStream(stream: string): Promise<void> {
  const nc = await connect({ servers: NATS_URL });
  const jsm = await jetstreamManager(nc);
  for (;;) {
    if (
      await jsm.streams.info(stream).then(
        () => true,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await nc.close();
}

async function untilDrained(target: Service, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await outboxState(target.store)).depth > 0) {
    if (Date.now() > deadline) throw new Error('the outbox did not drain');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Fills the outbox with the relay stopped, then times the relay publishing all of it. */
async function relayThroughput(): Promise<number> {
  const bench = await service('relay', { NATS_URL, OUTBOX_MAX_ROWS: String(RELAY_EVENTS * 2) });
  for (let stored = 0; stored < RELAY_EVENTS; stored += 500) {
    await storeBatch(bench.service.store, '#devops', normalised(500));
  }
  // The relay itself: from the moment the stream is there (connecting is not part of it).
  await bench.service.start();
  await untilStream(bench.stream);
  const started = performance.now();
  await untilDrained(bench.service);
  const perSecond = RELAY_EVENTS / ((performance.now() - started) / 1000);
  await bench.close();
  return perSecond;
}

/** Stores 10 posts every 10 ms and measures, per event, its time in the outbox row to the consumer. */
async function storedToConsumed(): Promise<{ p50: number; p99: number; count: number }> {
  const bench = await service('latency', { NATS_URL });
  await storeBatch(bench.service.store, '#warmup', normalised(1));
  await bench.service.start();
  await untilStream(bench.stream);
  await untilDrained(bench.service); // connected and publishing: the start is not measured
  const nc = await connect({ servers: NATS_URL });
  const stopping = new AbortController();
  const latencies: number[] = [];
  const consuming = consumeEvents({
    js: jetstream(nc),
    jsm: await jetstreamManager(nc),
    stream: bench.stream,
    subject: `bench_latency_${process.pid}.posts.devops`, // not the warm-up's event
    durable: 'bench',
    signal: stopping.signal,
    onEvent: (payload) => {
      latencies.push(Date.now() - Date.parse((JSON.parse(payload) as { time: string }).time));
      return Promise.resolve();
    },
  });
  const total = LATENCY_SECONDS * 1000;
  const started = Date.now();
  for (let tick = 0; tick < LATENCY_SECONDS * 100; tick++) {
    await storeBatch(bench.service.store, '#devops', normalised(10));
    // SQLite's driver is synchronous: without a turn of the event loop the relay and the consumer
    // (their sockets) would wait for the whole run whenever the writer falls behind schedule.
    const wait = started + (tick + 1) * 10 - Date.now();
    await new Promise((resolve) => (wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve)));
  }
  while (latencies.length < total) await new Promise((resolve) => setTimeout(resolve, 20));
  stopping.abort();
  await consuming;
  await nc.drain();
  await bench.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { p50: at(0.5), p99: at(0.99), count: latencies.length };
}

/** One collection of COLLECT_POSTS posts (pages of 100, no latency): posts stored per second. */
async function collectionRate(natsUrl: string | undefined, relay = true, pageDelayMs = 0): Promise<number> {
  const pages = Array.from({ length: COLLECT_POSTS / 100 }, () => page(100));
  const source: PostSource = {
    name: 'sample',
    async *pages() {
      for (const each of pages) {
        // A fetch's turn of the event loop; with a delay, the X API's round trip (far shorter here).
        await new Promise((resolve) =>
          pageDelayMs ? setTimeout(resolve, pageDelayMs) : setImmediate(resolve),
        );
        yield each;
      }
    },
  };
  const env: Record<string, string> = { TAGS: '#devops', TWEETS_PER_TAG: String(COLLECT_POSTS) };
  if (natsUrl) Object.assign(env, { NATS_URL: natsUrl, OUTBOX_MAX_ROWS: String(COLLECT_POSTS * 2) });
  const bench = await service(natsUrl ? 'on' : 'off', env, source);
  // One post stored first (the first start would otherwise fill the empty database itself), and with
  // the relay on, its event published: connecting to NATS and starting the publishing thread happen
  // once per process, not in the collection measured.
  await storeBatch(bench.service.store, '#warmup', normalised(1));
  if (relay) await bench.service.start(); // the relay publishes while the collection runs, as in production
  if (natsUrl && relay) await untilDrained(bench.service);
  const started = performance.now();
  const summary = await bench.service.collector.run('cli');
  const perSecond = summary.tags[0]!.new_posts / ((performance.now() - started) / 1000);
  if (natsUrl && relay) await untilDrained(bench.service);
  await bench.close();
  return perSecond;
}

/** Posts the live stream stores per second from the emulator at STREAM_RATE, once warmed up. */
async function streamRate(emulatorUrl: string, natsUrl: string | undefined): Promise<number> {
  const env: Record<string, string> = {
    TWEET_SOURCE: 'x-api',
    TWITTER_BEARER_TOKEN: 'bench',
    TWITTER_API_BASE_URL: emulatorUrl,
    ADMIN_TOKEN,
  };
  if (natsUrl) Object.assign(env, { NATS_URL: natsUrl, OUTBOX_MAX_ROWS: '10000000' });
  const bench = await service(natsUrl ? 'stream_on' : 'stream_off', env);
  await storeBatch(bench.service.store, '#warmup', normalised(1)); // not an empty database
  const server = await bench.service.start();
  if (natsUrl) await untilDrained(bench.service);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const admin = (path: string, body: unknown = {}) =>
    fetch(base + path, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const stored = async () =>
    ((await (await fetch(`${base}/statistics`)).json()) as { current: { stored: number } }).current.stored;
  await admin('/launch', { track: ['#devops', '#sre', '#observability', '#microservices', 'metrics'] });
  await sleep(2000);
  const before = { stored: await stored(), at: performance.now() };
  await sleep(STREAM_SECONDS * 1000);
  const perSecond = ((await stored()) - before.stored) / ((performance.now() - before.at) / 1000);
  await admin('/stop');
  if (natsUrl) await untilDrained(bench.service);
  await bench.close();
  return perSecond;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const write = (line: string) => process.stdout.write(`${line}\n`);

/** ROUNDS rounds of off, relay stopped and on, back to back: only ratios within a round are compared. */
async function collectionRounds(pageDelayMs: number): Promise<void> {
  const ratios: number[] = [];
  const label = pageDelayMs ? `${pageDelayMs} ms per page of 100` : 'CPU-bound (every page at once)';
  for (let round = 1; round <= ROUNDS; round++) {
    const off = await collectionRate(undefined, true, pageDelayMs);
    const stopped = pageDelayMs ? undefined : await collectionRate(NATS_URL, false);
    const on = await collectionRate(NATS_URL, true, pageDelayMs);
    ratios.push(on / off);
    const outboxOnly = stopped
      ? `; relay stopped ${Math.round(stopped)} = ${(stopped / off).toFixed(2)}`
      : '';
    write(
      `collection, ${label}, round ${round}: ${Math.round(off)} posts/s without events, ${Math.round(on)} with = ${(on / off).toFixed(2)}${outboxOnly}`,
    );
  }
  write(`collection, ${label}: median on ÷ off ${median(ratios).toFixed(2)} (target >= 0.7)`);
}

async function streamRounds(): Promise<void> {
  const emulator = await startEmulatorProcess();
  try {
    await emulator.setRate(STREAM_RATE);
    const ratios: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const off = await streamRate(emulator.url, undefined);
      const on = await streamRate(emulator.url, NATS_URL);
      ratios.push(on / off);
      write(
        `stream at ${STREAM_RATE}/s offered, round ${round}: ${Math.round(off)} posts/s stored without events, ${Math.round(on)} with = ${(on / off).toFixed(2)}`,
      );
    }
    write(`stream: median on ÷ off ${median(ratios).toFixed(2)} (target >= 0.7)`);
  } finally {
    emulator.process.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  if (PARTS.includes('relay')) {
    const relay = await relayThroughput();
    write(
      `relay: ${RELAY_EVENTS} events published in order in ${(RELAY_EVENTS / relay).toFixed(2)} s = ${Math.round(relay)} events/s (target >= 10000)`,
    );
  }
  if (PARTS.includes('latency')) {
    const latency = await storedToConsumed();
    write(
      `stored to consumed at 1000 posts/s for ${LATENCY_SECONDS} s: p50 ${latency.p50} ms, p99 ${latency.p99} ms over ${latency.count} events (target p99 < 100)`,
    );
  }
  if (PARTS.includes('collection')) {
    await collectionRounds(0);
    await collectionRounds(PAGE_DELAY_MS);
  }
  if (PARTS.includes('stream')) await streamRounds();
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
