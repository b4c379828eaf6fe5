import { spawnSync } from 'node:child_process';
import { createServer, Socket, type Server } from 'node:net';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { CloudEvent } from '../../src/events/cloud-events';
import { connectJetStream, type JetStreamLink } from '../../src/events/nats';

export const NATS_HOST = '127.0.0.1';
export const NATS_PORT = 4222;
export const NATS_URL = `nats://${NATS_HOST}:${NATS_PORT}`;

/**
 * Whether the machine's NATS server answers. Absent, the tests that need it are skipped with a visible
 * message, except under CI=true (.ci/run starts it), where its absence fails them.
 */
export function natsAvailable(): boolean {
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `const s=require('net').connect(${NATS_PORT},'${NATS_HOST}');s.once('data',d=>process.exit(String(d).startsWith('INFO')?0:1));s.on('error',()=>process.exit(1));setTimeout(()=>process.exit(1),2000)`,
    ],
    { timeout: 5000 },
  );
  if (probe.status === 0) return true;
  if (process.env.CI === 'true')
    throw new Error(`NATS is required under CI=true but ${NATS_URL} does not answer`);
  process.stderr.write(`\n  SKIPPED: no NATS server at ${NATS_URL}, so the events tests are skipped\n\n`);
  return false;
}

export const describeWithNats = (available: boolean): jest.Describe => (available ? describe : describe.skip);

/** A stream name and subject prefix of one test file, so files running at once never share a stream. */
export function testStream(file: string): { stream: string; prefix: string } {
  const id = `${file}_${process.pid}_${Date.now().toString(36)}`.replace(/[^A-Za-z0-9_]/g, '_');
  return { stream: `T_${id}`, prefix: `t_${id}` };
}

/** A link to a test file's own stream (created as the app creates its stream), to publish to it. */
export const connectTestStream = ({
  stream,
  prefix,
}: {
  stream: string;
  prefix: string;
}): Promise<JetStreamLink> =>
  connectJetStream({
    url: NATS_URL,
    stream,
    subjectPrefix: prefix,
    replicas: 1,
    maxAgeHours: 1,
    maxBytes: 0,
    outboxMaxRows: 1000,
  });

export interface DeliveredEvent {
  streamSeq: number;
  subject: string;
  msgId: string | undefined;
  event: CloudEvent<Record<string, unknown>>;
}

/** Every message in the stream, in stream order (an ordered consumer, read to the end). */
export async function readStream(stream: string): Promise<DeliveredEvent[]> {
  const nc = await connect({ servers: NATS_URL });
  try {
    const jsm = await jetstreamManager(nc);
    const { state } = await jsm.streams.info(stream);
    const events: DeliveredEvent[] = [];
    if (state.messages === 0) return events;
    const consumer = await jetstream(nc).consumers.get(stream);
    const messages = await consumer.consume();
    for await (const message of messages) {
      events.push({
        streamSeq: message.seq,
        subject: message.subject,
        msgId: message.headers?.get('Nats-Msg-Id'),
        event: message.json(),
      });
      if (message.seq >= state.last_seq) break;
    }
    await messages.close();
    return events;
  } finally {
    await nc.close();
  }
}

export async function deleteStream(stream: string): Promise<void> {
  const nc = await connect({ servers: NATS_URL });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream).catch(() => undefined);
  } finally {
    await nc.close();
  }
}

export async function withNats<T>(work: (nc: NatsConnection) => Promise<T>): Promise<T> {
  const nc = await connect({ servers: NATS_URL });
  try {
    return await work(nc);
  } finally {
    await nc.close();
  }
}

export interface AckDelayingProxy {
  port: number;
  /** Drops every open connection and refuses new ones until `restore`. */
  cut(): void;
  restore(): void;
  /**
   * From the first JetStream acknowledgement on a connection, holds everything NATS sends back this
   * long: a publish reaches the stream, its ack comes late (the handshake before is not delayed).
   */
  delayReplies(ms: number): void;
  close(): Promise<void>;
}

/**
 * test/helpers/tcp-proxy.ts with one more fault: replies held back (`delayReplies`), so JetStream stores
 * a publish whose acknowledgement the app never receives before it is killed.
 */
export async function ackDelayingProxy(targetPort = NATS_PORT): Promise<AckDelayingProxy> {
  const sockets = new Set<Socket>();
  let cut = false;
  let replyDelayMs = 0;
  const server: Server = createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = new Socket();
    upstream.connect(targetPort, NATS_HOST);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream);
    let holding = false;
    upstream.on('data', (chunk: Buffer) => {
      holding ||= replyDelayMs > 0 && /"seq":\d/.test(chunk.toString('latin1'));
      // One constant delay keeps the bytes in order.
      if (!holding) client.write(chunk);
      else setTimeout(() => client.writable && client.write(chunk), replyDelayMs).unref();
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, NATS_HOST, resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no port');
  return {
    port: address.port,
    cut() {
      cut = true;
      sockets.forEach((socket) => socket.destroy());
    },
    restore() {
      cut = false;
    },
    delayReplies(ms) {
      replyDelayMs = ms;
    },
    async close() {
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
