import {
  DiscardPolicy,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import {
  AuthorizationError,
  connect,
  nanos,
  type ConnectionOptions,
  type NatsConnection,
} from '@nats-io/transport-node';
import type { EventsConfig } from '../config';
import { streamSubjects } from './subjects';

export interface JetStreamLink {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
}

/** A NATS_URL that can never work: reported once, never retried. */
export class NatsConfigError extends Error {
  override name = 'NatsConfigError';
}

const STREAM_NOT_FOUND = 10059;
const JETSTREAM_NOT_ENABLED = 10039;
// A retry after a lost acknowledgement or a crash before the delete is dropped by message id within this.
const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;

/** The servers of NATS_URL (comma-separated), refused when one is not a nats:// or tls:// URL. */
export function natsServers(url: string): string[] {
  const servers = url
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean);
  for (const server of servers) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(server.includes('://') ? server : `nats://${server}`);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['nats:', 'tls:'].includes(parsed.protocol) || !parsed.hostname) {
      throw new NatsConfigError(`NATS_URL is not a list of nats:// or tls:// URLs (${shownUrl(server)})`);
    }
  }
  if (servers.length === 0) throw new NatsConfigError('NATS_URL names no server');
  return servers;
}

/** NATS_URL without credentials, for log lines. */
export const shownUrl = (url: string): string => url.replace(/\/\/[^@/]+@/g, '//***@');

/** A connection that reconnects for ever. */
export const natsConnectOptions = (url: string, name: string): ConnectionOptions => ({
  servers: natsServers(url),
  name,
  timeout: 3000,
  reconnect: true,
  maxReconnectAttempts: -1,
  reconnectTimeWait: 250,
  pingInterval: 5000,
  // Otherwise every request builds Error objects for their stack traces.
  noAsyncTraces: true,
});

/** Connects, checks JetStream is there, and creates or updates the stream from config. */
export async function connectJetStream(config: EventsConfig, name = 'twitter-api'): Promise<JetStreamLink> {
  const nc = await connect(natsConnectOptions(config.url, name));
  try {
    const jsm = await jetstreamManager(nc, { timeout: 5000 });
    await ensureStream(jsm, config);
    return { nc, js: jetstream(nc, { timeout: 5000 }), jsm };
  } catch (error) {
    await nc.close().catch(() => undefined);
    throw error;
  }
}

/** The stream as config says: subjects, limits retention, age, size, replicas, duplicate window. */
export async function ensureStream(jsm: JetStreamManager, config: EventsConfig): Promise<void> {
  const maxAgeMs = config.maxAgeHours * 3600 * 1000;
  const limits = {
    subjects: streamSubjects(config.subjectPrefix),
    max_age: nanos(maxAgeMs),
    max_bytes: config.maxBytes === 0 ? -1 : config.maxBytes,
    num_replicas: config.replicas,
    duplicate_window: nanos(maxAgeMs === 0 ? DUPLICATE_WINDOW_MS : Math.min(DUPLICATE_WINDOW_MS, maxAgeMs)),
    discard: DiscardPolicy.Old,
  };
  try {
    await jsm.streams.info(config.stream);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === STREAM_NOT_FOUND)) throw error;
    await jsm.streams.add({
      name: config.stream,
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      ...limits,
    });
    return;
  }
  await jsm.streams.update(config.stream, limits);
}

/** One line saying what is wrong with NATS, without credentials. */
export function describeNatsError(error: unknown, url: string): string {
  const where = `NATS at ${natsServersShown(url)}`;
  if (error instanceof NatsConfigError) return error.message;
  if (error instanceof AuthorizationError || /authori[sz]ation|authentication/i.test(String(error))) {
    return `${where} refused the credentials of NATS_URL (authorization violation)`;
  }
  if (
    (error instanceof JetStreamApiError && error.code === JETSTREAM_NOT_ENABLED) ||
    /jetstream (is )?not enabled|no responders/i.test(String((error as Error)?.message ?? error))
  ) {
    return `${where} has no JetStream (start nats-server with -js, or enable it for the account)`;
  }
  const message = (error as Error)?.message ?? String(error);
  return `${where} is unreachable or failing: ${shownUrl(message)}`;
}

const natsServersShown = (url: string) =>
  url
    .split(',')
    .map((server) => shownUrl(server.trim()))
    .join(',');
