import { createHash, randomUUID } from 'node:crypto';
import { Client, type Notification } from 'pg';
import type { DataSource } from 'typeorm';
import type { Logger } from 'winston';
import { jitteredBackoffMs, sleep, type BackoffLimits } from '../backoff';
import { inProcessTransport, type PostsStored, type PostsStoredTransport } from './posts-stored';

export interface PostgresTransportDeps {
  dataSource: DataSource;
  logger: Logger;
  /** 1 while this replica listens for the others' notifications */
  listening: { set(value: number): void };
  /** this replica's notifications within this window go as one NOTIFY */
  coalesceMs?: number;
  reconnect?: BackoffLimits;
}

export interface PostgresTransport extends PostsStoredTransport {
  /** Listens for the other replicas' notifications on a connection of its own, reconnecting for ever. */
  listen(): void;
  close(): Promise<void>;
}

/** What one NOTIFY carries: who sent it (a replica ignores its own) and the writes, merged per tag. */
interface Payload {
  from: string;
  stored: PostsStored[];
}

/** Entries per NOTIFY: well under PostgreSQL's 8,000-byte payload limit. */
const ENTRIES_PER_NOTIFY = 50;

/**
 * "Posts stored" across replicas through PostgreSQL's LISTEN/NOTIFY: this replica's listeners hear its
 * own writes at once, in process; the others hear them within milliseconds instead of at their next
 * poll. The channel is named after the database and schema, so replicas of other deployments on the
 * same server (or tests in other schemas) never hear each other. Polling stays the fallback: a
 * notification lost while the listening connection is down is found by the next poll.
 */
export function postgresTransport(deps: PostgresTransportDeps): PostgresTransport {
  const local = inProcessTransport();
  const me = randomUUID();
  const channel = channelOf(deps.dataSource);
  const notifier = createNotifier(deps, channel, me);
  const listener = createListener(deps, channel, (message) => {
    const payload = parsePayload(message.payload);
    if (payload && payload.from !== me) payload.stored.forEach((stored) => local.publish(stored));
  });
  return {
    publish(stored) {
      local.publish(stored);
      notifier.add(stored);
    },
    subscribe: (listener) => local.subscribe(listener),
    listen: () => listener.start(),
    async close() {
      notifier.flush();
      await listener.close();
    },
  };
}

/** This replica's writes, merged per tag over `coalesceMs`, sent as NOTIFY through the pool. */
function createNotifier(deps: PostgresTransportDeps, channel: () => Promise<string>, me: string) {
  let pending = new Map<string, PostsStored>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const stored = [...pending.values()];
    pending = new Map();
    for (let start = 0; start < stored.length; start += ENTRIES_PER_NOTIFY) {
      const payload: Payload = { from: me, stored: stored.slice(start, start + ENTRIES_PER_NOTIFY) };
      void channel()
        .then((name) => deps.dataSource.query('SELECT pg_notify($1, $2)', [name, JSON.stringify(payload)]))
        // The others' next poll finds these posts: a lost notification only delays them.
        .catch((error: unknown) =>
          deps.logger.debug('posts-stored NOTIFY failed', { event: 'notify.publish_failed', error }),
        );
    }
  };
  return {
    add(stored: PostsStored) {
      const merged = pending.get(stored.tag);
      pending.set(stored.tag, {
        tag: stored.tag,
        firstSeq: Math.min(merged?.firstSeq ?? stored.firstSeq, stored.firstSeq),
        lastSeq: Math.max(merged?.lastSeq ?? stored.lastSeq, stored.lastSeq),
      });
      timer ??= setTimeout(flush, deps.coalesceMs ?? 5);
    },
    flush,
  };
}

/** A connection of its own that LISTENs, reconnected with backoff whenever it breaks. */
function createListener(
  deps: PostgresTransportDeps,
  channel: () => Promise<string>,
  onNotification: (message: Notification) => void,
) {
  const { logger } = deps;
  const closing = new AbortController();
  let loop: Promise<void> | undefined;

  const run = async () => {
    for (let attempt = 0; !closing.signal.aborted;) {
      const ended = await channel()
        .then((name) => listenOnce(deps, name, onNotification, closing.signal))
        .catch((error: unknown) => ({ listened: false, error }));
      deps.listening.set(0);
      if (closing.signal.aborted) return;
      if (ended.listened) attempt = 0;
      const retryInMs = jitteredBackoffMs(attempt++, deps.reconnect ?? { baseMs: 250, maxMs: 5000 });
      if (attempt === 1) {
        logger.warn(
          `not listening for the posts other replicas store (${reasonOf(ended.error)}); polling finds them meanwhile`,
          { event: 'notify.listen_lost', retry_in_ms: retryInMs },
        );
      }
      await sleep(retryInMs, closing.signal);
    }
  };

  return {
    start: () => void (loop ??= run()),
    async close() {
      closing.abort();
      await loop;
    },
  };
}

/** One listening connection, until it breaks or `closing` aborts. */
async function listenOnce(
  deps: PostgresTransportDeps,
  name: string,
  onNotification: (message: Notification) => void,
  closing: AbortSignal,
): Promise<{ listened: boolean; error: unknown }> {
  const connection = new Client(clientConfig(deps.dataSource));
  let onClose = () => undefined as void;
  const broken = new Promise<unknown>((resolve) => {
    connection.on('error', resolve);
    connection.on('end', () => resolve(new Error('the connection ended')));
    onClose = () => resolve(undefined);
    closing.addEventListener('abort', onClose, { once: true });
  });
  try {
    await connection.connect();
    connection.on('notification', onNotification);
    await connection.query(`LISTEN "${name}"`);
    deps.listening.set(1);
    deps.logger.info('listening for the posts other replicas store (PostgreSQL LISTEN)', {
      event: 'notify.listening',
    });
    return { listened: true, error: await broken };
  } finally {
    // Each reconnection would otherwise leave one more listener on the signal.
    closing.removeEventListener('abort', onClose);
    // end() of a connection that already broke may never settle: it is not waited for long, and the
    // wait is cancelled once it has (no timer left to hold a closing process open).
    const ended = new AbortController();
    await Promise.race([connection.end().catch(() => undefined), sleep(1000, ended.signal)]);
    ended.abort();
  }
}

/** The channel of this database and schema (found once): an identifier of at most 63 bytes. */
function channelOf(dataSource: DataSource): () => Promise<string> {
  let named: Promise<string> | undefined;
  const find = async () => {
    const [row] = await dataSource.query<{ id: string }[]>(
      "SELECT current_database() || '.' || current_schema() AS id",
    );
    return `twitter_api_posts_${createHash('sha256').update(row!.id).digest('hex').slice(0, 16)}`;
  };
  return () =>
    (named ??= find().catch((error: unknown) => {
      named = undefined;
      throw error;
    }));
}

function parsePayload(text: string | undefined): Payload | undefined {
  try {
    const payload = JSON.parse(text ?? '') as Partial<Payload>;
    return typeof payload.from === 'string' && Array.isArray(payload.stored)
      ? (payload as Payload)
      : undefined;
  } catch {
    return undefined; // not ours: someone else's NOTIFY on this channel
  }
}

/** The pool's own connection settings, for one more connection outside it. */
function clientConfig(dataSource: DataSource) {
  const options = dataSource.options as { url?: string; ssl?: unknown; connectTimeoutMS?: number };
  return {
    connectionString: options.url,
    ssl: options.ssl as boolean | { rejectUnauthorized: boolean },
    application_name: 'twitter-api-listen',
    connectionTimeoutMillis: options.connectTimeoutMS ?? 5000,
    // A half-open connection (a cut network) is noticed rather than listened to for ever.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}

function reasonOf(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') return code;
  return typeof message === 'string' ? message : 'unknown';
}
