import { hostname } from 'node:os';
import express from 'express';
import { z } from 'zod';
import { normaliseTag } from '../tags';
import type { DatabaseSettings } from '../database';
import type { PostgresSettings } from '../database/postgres';

export const DEFAULT_TAGS = [
  '#openbanking',
  '#remediation',
  '#devops',
  '#sre',
  '#microservices',
  '#observability',
  '#oauth',
  '#metrics',
  '#logmonitoring',
  '#opentracing',
] as const;

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `an integer from ${min} to ${max}`)
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, `an integer from ${min} to ${max}`)
        .max(max, `an integer from ${min} to ${max}`),
    );

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** Each tag in the one spelling the collector stores and the API matches (src/tags.ts). */
const tagList = z.string().transform((value, ctx) => {
  const given = value
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  const tags = given.map(normaliseTag);
  if (given.length === 0 || tags.includes(undefined)) {
    ctx.addIssue({ code: 'custom', message: 'comma-separated hashtags such as #devops,#sre' });
    return z.NEVER;
  }
  return [...new Set(tags as string[])];
});

export type TrustProxy = false | number | string[];

const TRUST_PROXY_HELP =
  'false, a number of proxies in front, or comma-separated addresses, CIDR ranges and loopback, linklocal, uniquelocal';

/** Express compiles the setting at once, so an address it cannot read is refused here, at start. */
const trustProxy = z
  .string()
  .trim()
  .transform((value, ctx): TrustProxy => {
    const parsed: TrustProxy =
      value === 'false'
        ? false
        : /^\d+$/.test(value)
          ? Number(value)
          : value
              .split(',')
              .map((entry) => entry.trim())
              .filter(Boolean);
    try {
      if (Array.isArray(parsed) && parsed.length === 0) throw new Error('empty');
      express().set('trust proxy', parsed);
    } catch {
      ctx.addIssue({ code: 'custom', message: TRUST_PROXY_HELP });
      return z.NEVER;
    }
    return parsed;
  });

const envSchema = z.object({
  PORT: integer(0, 65535).default(5000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  DATABASE_PATH: z.string().trim().min(1).default('data/twitter.db'),
  TAGS: tagList.default([...DEFAULT_TAGS]),
  TWEETS_PER_TAG: integer(1, 10000).default(100),
  ADMIN_TOKEN: optionalText.pipe(z.string().min(16, 'at least 16 characters').optional()),
  ADMIN_MAX_FAILED_AUTH: integer(1, 10000).default(10),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']).default('info'),
  LOG_FORMAT: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.enum(['json', 'pretty']).optional(),
  ),
  TWEET_SOURCE: z.enum(['x-api', 'sample']).optional(),
  SAMPLE_PATH: z.string().trim().min(1).default('data/sample/synthetic-recent-search.json'),
  TWITTER_BEARER_TOKEN: optionalText,
  TWITTER_CONSUMER_KEY: optionalText,
  TWITTER_CONSUMER_SECRET: optionalText,
  TWITTER_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.x.com'),
  X_API_TIMEOUT_MS: integer(100, 600000).default(30000),
  COLLECT_MAX_WAIT_SECONDS: integer(0, 900).default(60),
  COLLECT_INTERVAL_MINUTES: integer(0, 10080).default(0),
  COLLECT_CONCURRENCY: integer(1, 10).default(3),
  LOGSTASH_HOST: optionalText,
  LOGSTASH_PORT: integer(1, 65535).default(5000),
  LOGSTASH_QUEUE_LIMIT: integer(1, 1000000).default(10000),
  SHUTDOWN_TIMEOUT_MS: integer(100, 120000).default(10000),
  TRUST_PROXY: trustProxy.default(['loopback']),
  HTTP_HEADERS_TIMEOUT_MS: integer(100, 600000).default(10000),
  HTTP_REQUEST_TIMEOUT_MS: integer(100, 3600000).default(30000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: integer(100, 600000).default(5000),
  HTTP_MAX_CONNECTIONS: integer(1, 1000000).default(1000),
  READ_CACHE_MAX_BYTES: integer(65536, 1073741824).default(32 * 1024 * 1024),
  DATABASE_BUSY_RETRY_MS: integer(0, 600000).default(10000),
  DATABASE_URL: optionalText.pipe(
    z.url({ protocol: /^postgres(ql)?$/, error: 'a postgres:// or postgresql:// URL' }).optional(),
  ),
  DATABASE_POOL_SIZE: integer(1, 1000).default(10),
  DATABASE_STATEMENT_TIMEOUT_MS: integer(0, 3600000).default(30000),
  DATABASE_SSL_MODE: z.enum(['disable', 'require', 'verify-full']).default('disable'),
  DATABASE_CONNECT_RETRY_MS: integer(0, 3600000).default(60000),
  LIVE_MAX_CLIENTS: integer(0, 100000).default(500),
  LIVE_MAX_CLIENTS_PER_ADDRESS: integer(1, 100000).default(10),
  LIVE_SLOW_CLIENT_MS: integer(100, 600000).default(10000),
  LIVE_RESUMES_PER_MINUTE: integer(1, 100000).default(30),
  LIVE_REPLAY_WINDOW: integer(1, 1000000).default(10000),
  LIVE_CLIENT_BUFFER_BYTES: integer(1024, 67108864).default(131072),
  LIVE_HEARTBEAT_MS: integer(50, 300000).default(15000),
  GRAFANA_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  KIBANA_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  LEADER_LEASE_TTL_MS: integer(300, 600000).default(15000),
  COLLECTION_REQUEST_WAIT_MS: integer(1000, 86400000).default(600000),
  HOSTNAME: optionalText,
  STREAM_STALL_TIMEOUT_MS: integer(50, 600000).default(30000),
  STREAM_NETWORK_BACKOFF_MS: integer(1, 60000).default(250),
  STREAM_NETWORK_BACKOFF_MAX_MS: integer(1, 600000).default(16000),
  STREAM_HTTP_BACKOFF_MS: integer(1, 600000).default(5000),
  STREAM_HTTP_BACKOFF_MAX_MS: integer(1, 3600000).default(320000),
  STREAM_RATE_LIMIT_BACKOFF_MS: integer(1, 3600000).default(60000),
  STREAM_BATCH_MS: integer(1, 60000).default(250),
  STREAM_BATCH_SIZE: integer(1, 10000).default(500),
  STREAM_MAX_QUEUED_POSTS: integer(1, 1_000_000).default(20_000),
  STREAM_SAMPLE_RATE: integer(1, 100000).default(5),
  // Not validated here: a bad NATS_URL is one clear line at start, and the API still serves reads.
  NATS_URL: optionalText,
  NATS_STREAM: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a stream name of letters, digits, _ and -')
    .default('TWITTER'),
  NATS_SUBJECT_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'subject tokens of letters, digits, _ and - joined by dots')
    .default('twitter'),
  NATS_STREAM_REPLICAS: integer(1, 5).default(1),
  NATS_STREAM_MAX_AGE_HOURS: integer(0, 87600).default(168),
  NATS_STREAM_MAX_BYTES: integer(0, 1099511627776).default(1073741824),
  OUTBOX_MAX_ROWS: integer(1, 100000000).default(100000),
});

/** Each variable's default as shown to people, and what it means: the README's table is generated from this (`npm run docs:config`). */
export const CONFIG_DOCS: Record<keyof z.input<typeof envSchema>, { default: string; meaning: string }> = {
  PORT: {
    default: '`5000`',
    meaning: 'the port the API listens on (`0`: one the system picks, named in the `app.start` log line)',
  },
  HOST: { default: '`0.0.0.0`', meaning: 'the address the API listens on' },
  TRUST_PROXY: {
    default: '`loopback`; `false` in compose',
    meaning:
      'whose `X-Forwarded-For` gives the client address (logs, admin authentication limit): `false`, a number of proxies, or addresses, CIDR ranges and their names',
  },
  HTTP_HEADERS_TIMEOUT_MS: {
    default: '`10000`',
    meaning:
      'time a client gets to send the request line and headers, then 408 (at most `HTTP_REQUEST_TIMEOUT_MS`)',
  },
  HTTP_REQUEST_TIMEOUT_MS: {
    default: '`30000`',
    meaning: 'time a client gets to send its whole request, then 408 (not the time to answer it)',
  },
  HTTP_KEEP_ALIVE_TIMEOUT_MS: {
    default: '`5000`',
    meaning:
      'idle keep-alive connections close after this; behind a load balancer, longer than its idle timeout',
  },
  HTTP_MAX_CONNECTIONS: {
    default: '`1000`',
    meaning: 'open connections beyond which new ones are dropped at once (logged at most every 10 s)',
  },
  DATABASE_PATH: { default: '`data/twitter.db`', meaning: 'SQLite file (WAL mode); its folder is created' },
  TAGS: {
    default: 'the ten below',
    meaning:
      'comma-separated hashtags, with or without `#`: letters of any script, combining marks, digits, `_`; see below',
  },
  TWEETS_PER_TAG: { default: '`100`', meaning: 'newest posts collected per tag and run (1..10000)' },
  ADMIN_TOKEN: {
    default: 'generated',
    meaning:
      'bearer token for `/database` (16+ characters); when unset a random one is generated at start and printed once to stderr',
  },
  ADMIN_MAX_FAILED_AUTH: {
    default: '`10`',
    meaning:
      'failed admin authentications per client address in 15 minutes; then its admin requests get 429 until the window ends',
  },
  LOG_LEVEL: { default: '`info`', meaning: '`error`, `warn`, `info`, `http`, `verbose`, `debug`, `silly`' },
  LOG_FORMAT: {
    default: '`json`, or `pretty` on a terminal',
    meaning:
      'console lines: `json` (one Elastic Common Schema object per line) or `pretty` (readable); Logstash always gets JSON',
  },
  TWEET_SOURCE: {
    default: '`x-api` with credentials, else `sample`',
    meaning: 'where collections read from',
  },
  SAMPLE_PATH: { default: '`data/sample/synthetic-recent-search.json`', meaning: 'the sample corpus' },
  TWITTER_BEARER_TOKEN: { default: '-', meaning: 'X API app-only bearer token' },
  TWITTER_CONSUMER_KEY: {
    default: '-',
    meaning:
      'alternatively to the bearer token, with `TWITTER_CONSUMER_SECRET`: exchanged for a bearer token at first use',
  },
  TWITTER_CONSUMER_SECRET: {
    default: '-',
    meaning: 'with `TWITTER_CONSUMER_KEY`, exchanged for a bearer token at first use',
  },
  TWITTER_API_BASE_URL: {
    default: '`https://api.x.com`',
    meaning: 'X API base URL; `http://127.0.0.1:5100` for the emulator',
  },
  X_API_TIMEOUT_MS: { default: '`30000`', meaning: 'timeout of each X API request' },
  COLLECT_INTERVAL_MINUTES: {
    default: '`0` (off); `15` in docker compose',
    meaning: 'minutes between scheduled collections',
  },
  COLLECT_MAX_WAIT_SECONDS: {
    default: '`60`',
    meaning: 'a 429 resetting further away than this stops the tag as `rate_limited`',
  },
  COLLECT_CONCURRENCY: { default: '`3`', meaning: 'tags collected at once' },
  LOGSTASH_HOST: { default: '-', meaning: 'ship JSON log lines to Logstash over TCP when set' },
  LOGSTASH_PORT: { default: '`5000`', meaning: "Logstash's TCP port" },
  LOGSTASH_QUEUE_LIMIT: {
    default: '`10000`',
    meaning: 'lines kept while Logstash is down; the oldest are dropped beyond it, and counted',
  },
  SHUTDOWN_TIMEOUT_MS: {
    default: '`10000`',
    meaning: 'time given to in-flight requests, the running collection and log shipping on SIGTERM',
  },
  READ_CACHE_MAX_BYTES: {
    default: '`33554432` (32 MiB)',
    meaning:
      'bytes of serialised answers the read cache keeps (least recently used evicted first); 65536 and up',
  },
  DATABASE_BUSY_RETRY_MS: {
    default: '`10000`',
    meaning:
      "how long a write is retried while another writer holds a lock it needs (SQLite's write lock held by `npm run collect`, a PostgreSQL deadlock); then 503",
  },
  DATABASE_URL: {
    default: 'unset (SQLite)',
    meaning:
      '`postgres://user:password@host:5432/db`: PostgreSQL as the shared store of any number of replicas, instead of `DATABASE_PATH`',
  },
  DATABASE_POOL_SIZE: { default: '`10`', meaning: 'PostgreSQL connections each process keeps at most' },
  DATABASE_STATEMENT_TIMEOUT_MS: {
    default: '`30000`',
    meaning: 'PostgreSQL cancels a statement that runs longer (0: no limit)',
  },
  DATABASE_SSL_MODE: {
    default: '`disable`',
    meaning:
      'PostgreSQL TLS: `disable`, `require` (encrypted, certificate not checked) or `verify-full` (checked against the system CAs)',
  },
  DATABASE_CONNECT_RETRY_MS: {
    default: '`60000`',
    meaning:
      'at start, how long an unreachable PostgreSQL is retried (with backoff) before exiting 1 with a line naming the host',
  },
  LIVE_MAX_CLIENTS: {
    default: '`500`',
    meaning:
      'event-stream clients (`GET /live/events`) one process serves; beyond, 503 with `Retry-After`. At most three quarters of `HTTP_MAX_CONNECTIONS`, so health checks and reads always find a connection',
  },
  LIVE_MAX_CLIENTS_PER_ADDRESS: {
    default: '`10`',
    meaning:
      'event-stream clients one client address (behind a trusted proxy, its `X-Forwarded-For`) may hold; beyond, 429 with `Retry-After`',
  },
  LIVE_SLOW_CLIENT_MS: {
    default: '`10000`',
    meaning:
      'how long a client may owe more than `LIVE_CLIENT_BUFFER_BYTES` before it is dropped as slow: a burst it drains in time never drops it',
  },
  LIVE_RESUMES_PER_MINUTE: {
    default: '`30`',
    meaning:
      'connections with a `Last-Event-ID` one client address may open a minute (each reads older events); beyond, 429 with `Retry-After`',
  },
  LIVE_REPLAY_WINDOW: {
    default: '`10000`',
    meaning:
      'newest post events kept for `Last-Event-ID` replay; a client further behind gets a `reload` event',
  },
  LIVE_CLIENT_BUFFER_BYTES: {
    default: '`131072`',
    meaning:
      'unsent bytes a client may owe: it is written to only below this bound, so a slow client holds at most about twice this, however far behind it falls',
  },
  LIVE_HEARTBEAT_MS: {
    default: '`15000`',
    meaning: 'milliseconds between heartbeat comments on an idle stream',
  },
  GRAFANA_URL: { default: '-', meaning: 'Grafana link the live page shows when set' },
  KIBANA_URL: { default: '-', meaning: 'Kibana link the live page shows when set' },
  LEADER_LEASE_TTL_MS: {
    default: '`15000`',
    meaning:
      'the collector lease: replicas sharing a database elect the one that collects; renewed every third of this, taken over once it expired',
  },
  COLLECTION_REQUEST_WAIT_MS: {
    default: '`600000`',
    meaning:
      'replicas: how long `GET`/`DELETE /database` on a replica that is not the collector waits for the collector to carry it out, then 504 with `Retry-After` (the collection goes on)',
  },
  HOSTNAME: {
    default: "the machine's host name",
    meaning: "this replica's name in the collector lease (Docker and Kubernetes set it per container)",
  },
  STREAM_STALL_TIMEOUT_MS: {
    default: '`30000`',
    meaning:
      'silence on the stream (no post, no heartbeat; X sends one every 20 s) after which the connection is replaced',
  },
  STREAM_NETWORK_BACKOFF_MS: {
    default: '`250`',
    meaning: 'linear backoff step after a network error or a stall',
  },
  STREAM_NETWORK_BACKOFF_MAX_MS: { default: '`16000`', meaning: 'the longest linear backoff' },
  STREAM_HTTP_BACKOFF_MS: {
    default: '`5000`',
    meaning: 'first exponential backoff (with jitter) after an HTTP error',
  },
  STREAM_HTTP_BACKOFF_MAX_MS: { default: '`320000`', meaning: 'the longest backoff after HTTP errors' },
  STREAM_RATE_LIMIT_BACKOFF_MS: {
    default: '`60000`',
    meaning: 'first backoff after a 429 (too many requests or connections), doubling up to 16 x this',
  },
  STREAM_BATCH_MS: {
    default: '`250`',
    meaning: 'streamed posts are written at least this often, one transaction each',
  },
  STREAM_BATCH_SIZE: { default: '`500`', meaning: '...or as soon as this many wait' },
  STREAM_MAX_QUEUED_POSTS: {
    default: '`20000`',
    meaning:
      'posts received and not yet written (the database slow, or away while their write is retried) at which a run disconnects from X, until fewer than half wait',
  },
  STREAM_SAMPLE_RATE: {
    default: '`5`',
    meaning: 'without X credentials, posts per second the bundled sample is replayed at as a live stream',
  },
  NATS_URL: {
    default: '- (events off)',
    meaning:
      'NATS server(s) with JetStream, such as `nats://user:pass@nats:4222` (comma-separated for a cluster): every stored post and finished run is published through the outbox; unset, nothing is written to it',
  },
  NATS_STREAM: { default: '`TWITTER`', meaning: 'the JetStream stream created or updated at start' },
  NATS_SUBJECT_PREFIX: {
    default: '`twitter`',
    meaning: 'first subject token: `<prefix>.posts.<tag>` and `<prefix>.runs`; the stream takes `<prefix>.>`',
  },
  NATS_STREAM_REPLICAS: { default: '`1`', meaning: "the stream's replicas (3 on a three-node cluster)" },
  NATS_STREAM_MAX_AGE_HOURS: {
    default: '`168`',
    meaning: 'events older than this leave the stream; `0` keeps them',
  },
  NATS_STREAM_MAX_BYTES: {
    default: '`1073741824` (1 GiB)',
    meaning: 'the stream drops its oldest events beyond this size; `0` for no limit',
  },
  OUTBOX_MAX_ROWS: {
    default: '`100000`',
    meaning:
      'events the outbox holds while NATS is unreachable; when full, collection pauses (each tag stops with that reason, the next run resumes) and a stream run disconnects, rather than dropping events',
  },
};

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  tags: readonly string[];
  tweetsPerTag: number;
  adminToken: string | undefined;
  /** failed admin authentications per client address in 15 minutes before its admin requests get 429 */
  adminMaxFailedAuth: number;
  logLevel: string;
  /** console log lines: ECS JSON or readable text; undefined: readable on a terminal, JSON elsewhere */
  logFormat: 'json' | 'pretty' | undefined;
  source: 'x-api' | 'sample';
  samplePath: string;
  xApi: {
    bearerToken: string | undefined;
    consumerKey: string | undefined;
    consumerSecret: string | undefined;
    baseUrl: string;
    timeoutMs: number;
  };
  collect: { maxWaitSeconds: number; intervalMinutes: number; concurrency: number };
  logstash: { host: string; port: number; queueLimit: number } | undefined;
  shutdownTimeoutMs: number;
  /** whose X-Forwarded-For is believed for the client address: logs, admin limit (Express's `trust proxy`) */
  trustProxy: TrustProxy;
  /** Node's HTTP server limits: slow or idle clients cannot hold sockets for ever (src/http-server.ts) */
  http: HttpServerLimits;
  /** bytes of serialised answers the read cache may hold */
  readCacheMaxBytes: number;
  /** how long a write is retried while another process holds the database's write lock, before a 503 */
  databaseBusyRetryMs: number;
  /** PostgreSQL (DATABASE_URL) instead of the SQLite file at databasePath */
  postgres: PostgresSettings | undefined;
  live: {
    /** event-stream clients one process serves at once; beyond, 503 with Retry-After */
    maxClients: number;
    /** event-stream clients one client address may hold; beyond, 429 with Retry-After */
    maxClientsPerAddress: number;
    /** how long a client may stay over its buffer bound before it is dropped */
    slowClientMs: number;
    /** resumes (Last-Event-ID) one client address may make a minute */
    resumesPerMinute: number;
    /** the newest post events kept for `Last-Event-ID` replay; older ones are pruned */
    replayWindow: number;
    /** unsent bytes under which a client is written to (a slow client never slows the others) */
    clientBufferBytes: number;
    heartbeatMs: number;
  };
  /** replicas sharing one database: the collector lease */
  leader: { leaseTtlMs: number; replicaName: string; requestWaitMs: number };
  /** links the live page shows when set */
  links: { grafana: string | undefined; kibana: string | undefined };
  stream: StreamConfig;
  /** NATS JetStream events; undefined when NATS_URL is unset (nothing is written to the outbox) */
  events: EventsConfig | undefined;
}

export interface EventsConfig {
  /** secret: may carry credentials */
  url: string;
  stream: string;
  subjectPrefix: string;
  replicas: number;
  /** 0: no limit */
  maxAgeHours: number;
  /** 0: no limit */
  maxBytes: number;
  outboxMaxRows: number;
}

export interface HttpServerLimits {
  /** time a client gets to send the request line and headers */
  headersTimeoutMs: number;
  /** time a client gets to send the whole request */
  requestTimeoutMs: number;
  /** how long an idle keep-alive connection stays open */
  keepAliveTimeoutMs: number;
  /** open connections beyond which new ones are dropped */
  maxConnections: number;
}

/** The live stream: X documents 20 s heartbeats and these backoffs; tests shorten them. */
export interface StreamConfig {
  /** silence (no post, no heartbeat) after which the connection counts as stalled and is replaced */
  stallTimeoutMs: number;
  /** linear backoff on network errors and stalls: base, 2 x base, ... up to the max */
  networkBackoffMs: number;
  networkBackoffMaxMs: number;
  /** exponential backoff on HTTP errors */
  httpBackoffMs: number;
  httpBackoffMaxMs: number;
  /** exponential backoff on 429 (too many requests or connections), capped at 16 x this */
  rateLimitBackoffMs: number;
  /** posts are written at least this often, or when this many wait, one transaction each */
  batchMs: number;
  batchSize: number;
  /** posts received and not yet written at which the run disconnects, until fewer than half wait */
  maxQueuedPosts: number;
  /** posts per second the sample replay emits when there are no X credentials */
  sampleRate: number;
}

/** Their values never appear in an error message: a short token is still a token. */
const SECRET_VARIABLES = new Set([
  'ADMIN_TOKEN',
  'TWITTER_BEARER_TOKEN',
  'TWITTER_CONSUMER_KEY',
  'TWITTER_CONSUMER_SECRET',
  'NATS_URL',
  // its password
  'DATABASE_URL',
]);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment once; the result is frozen and passed to whoever needs it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  // An empty variable means "not set": `.env.example` and docker-compose.yml pass empty ones through.
  const given = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0]);
    const shown = SECRET_VARIABLES.has(variable) ? '(hidden)' : JSON.stringify(env[variable] ?? '');
    throw new ConfigError(`Invalid ${variable}=${shown}: expected ${issue.message}`);
  }
  return toConfig(parsed.data, env);
}

function toConfig(e: z.output<typeof envSchema>, env: NodeJS.ProcessEnv): Readonly<Config> {
  const hasCredentials = Boolean(
    e.TWITTER_BEARER_TOKEN || (e.TWITTER_CONSUMER_KEY && e.TWITTER_CONSUMER_SECRET),
  );
  if (Boolean(e.TWITTER_CONSUMER_KEY) !== Boolean(e.TWITTER_CONSUMER_SECRET)) {
    throw new ConfigError('Invalid TWITTER_CONSUMER_KEY/TWITTER_CONSUMER_SECRET: expected both or neither');
  }
  checkServerLimits(e, env);
  const source = e.TWEET_SOURCE ?? (hasCredentials ? 'x-api' : 'sample');
  if (source === 'x-api' && !hasCredentials) {
    throw new ConfigError(
      'Invalid TWEET_SOURCE="x-api": expected TWITTER_BEARER_TOKEN, or TWITTER_CONSUMER_KEY and TWITTER_CONSUMER_SECRET',
    );
  }
  return deepFreeze({
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    tags: e.TAGS,
    tweetsPerTag: e.TWEETS_PER_TAG,
    adminToken: e.ADMIN_TOKEN,
    adminMaxFailedAuth: e.ADMIN_MAX_FAILED_AUTH,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    source,
    samplePath: e.SAMPLE_PATH,
    xApi: {
      bearerToken: e.TWITTER_BEARER_TOKEN,
      consumerKey: e.TWITTER_CONSUMER_KEY,
      consumerSecret: e.TWITTER_CONSUMER_SECRET,
      baseUrl: e.TWITTER_API_BASE_URL.replace(/\/+$/, ''),
      timeoutMs: e.X_API_TIMEOUT_MS,
    },
    collect: {
      maxWaitSeconds: e.COLLECT_MAX_WAIT_SECONDS,
      intervalMinutes: e.COLLECT_INTERVAL_MINUTES,
      concurrency: e.COLLECT_CONCURRENCY,
    },
    logstash: e.LOGSTASH_HOST
      ? { host: e.LOGSTASH_HOST, port: e.LOGSTASH_PORT, queueLimit: e.LOGSTASH_QUEUE_LIMIT }
      : undefined,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    trustProxy: e.TRUST_PROXY,
    ...serverParts(e),
    readCacheMaxBytes: e.READ_CACHE_MAX_BYTES,
    databaseBusyRetryMs: e.DATABASE_BUSY_RETRY_MS,
    leader: {
      leaseTtlMs: e.LEADER_LEASE_TTL_MS,
      replicaName: e.HOSTNAME ?? hostname(),
      requestWaitMs: e.COLLECTION_REQUEST_WAIT_MS,
    },
    postgres: postgresPart(e),
    stream: streamPart(e),
    events: eventsPart(e),
  });
}

/** Limits that are valid only together. */
function checkServerLimits(e: z.output<typeof envSchema>, env: NodeJS.ProcessEnv): void {
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError(
      `Invalid HTTP_HEADERS_TIMEOUT_MS=${JSON.stringify(env.HTTP_HEADERS_TIMEOUT_MS ?? '')}: expected at most HTTP_REQUEST_TIMEOUT_MS (${e.HTTP_REQUEST_TIMEOUT_MS})`,
    );
  }
  const liveCeiling = Math.floor((e.HTTP_MAX_CONNECTIONS * 3) / 4);
  if (e.LIVE_MAX_CLIENTS > liveCeiling) {
    throw new ConfigError(
      `Invalid LIVE_MAX_CLIENTS=${JSON.stringify(env.LIVE_MAX_CLIENTS ?? String(e.LIVE_MAX_CLIENTS))}: expected at most three quarters of HTTP_MAX_CONNECTIONS (${liveCeiling}), so other requests always find a connection`,
    );
  }
}

function serverParts(e: z.output<typeof envSchema>): Pick<Config, 'http' | 'live' | 'links'> {
  return {
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    },
    live: {
      maxClients: e.LIVE_MAX_CLIENTS,
      maxClientsPerAddress: e.LIVE_MAX_CLIENTS_PER_ADDRESS,
      slowClientMs: e.LIVE_SLOW_CLIENT_MS,
      resumesPerMinute: e.LIVE_RESUMES_PER_MINUTE,
      replayWindow: e.LIVE_REPLAY_WINDOW,
      clientBufferBytes: e.LIVE_CLIENT_BUFFER_BYTES,
      heartbeatMs: e.LIVE_HEARTBEAT_MS,
    },
    links: { grafana: e.GRAFANA_URL, kibana: e.KIBANA_URL },
  };
}

/** Values that must never reach a log line, a metric or a response. */
export function secretsOf(config: Config): string[] {
  return [
    config.adminToken,
    config.xApi.bearerToken,
    config.xApi.consumerKey,
    config.xApi.consumerSecret,
    passwordOf(config.postgres?.url),
    ...natsPasswords(config.events?.url),
  ].filter((value): value is string => Boolean(value));
}

/** The user:password or token parts of NATS server URLs (a secret even when the URL is shown without them). */
function natsPasswords(urls: string | undefined): string[] {
  if (!urls) return [];
  // user:password gives the password; a lone token is the secret itself.
  return [...urls.matchAll(/\/\/([^@/]+)@/g)].map((match) => match[1]!.split(':').at(-1)!).filter(Boolean);
}

function postgresPart(e: z.output<typeof envSchema>): PostgresSettings | undefined {
  if (!e.DATABASE_URL) return undefined;
  return {
    url: e.DATABASE_URL,
    poolSize: e.DATABASE_POOL_SIZE,
    statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    sslMode: e.DATABASE_SSL_MODE,
    connectRetryMs: e.DATABASE_CONNECT_RETRY_MS,
  };
}

function passwordOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

/** Where the service keeps its data: openDatabase's settings. */
export function databaseSettings(config: Config): DatabaseSettings {
  return { path: config.databasePath, postgres: config.postgres, busyRetryMs: config.databaseBusyRetryMs };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function eventsPart(e: z.output<typeof envSchema>): EventsConfig | undefined {
  if (!e.NATS_URL) return undefined;
  return {
    url: e.NATS_URL,
    stream: e.NATS_STREAM,
    subjectPrefix: e.NATS_SUBJECT_PREFIX,
    replicas: e.NATS_STREAM_REPLICAS,
    maxAgeHours: e.NATS_STREAM_MAX_AGE_HOURS,
    maxBytes: e.NATS_STREAM_MAX_BYTES,
    outboxMaxRows: e.OUTBOX_MAX_ROWS,
  };
}

function streamPart(e: z.output<typeof envSchema>): StreamConfig {
  return {
    stallTimeoutMs: e.STREAM_STALL_TIMEOUT_MS,
    networkBackoffMs: e.STREAM_NETWORK_BACKOFF_MS,
    networkBackoffMaxMs: e.STREAM_NETWORK_BACKOFF_MAX_MS,
    httpBackoffMs: e.STREAM_HTTP_BACKOFF_MS,
    httpBackoffMaxMs: e.STREAM_HTTP_BACKOFF_MAX_MS,
    rateLimitBackoffMs: e.STREAM_RATE_LIMIT_BACKOFF_MS,
    batchMs: e.STREAM_BATCH_MS,
    batchSize: e.STREAM_BATCH_SIZE,
    maxQueuedPosts: e.STREAM_MAX_QUEUED_POSTS,
    sampleRate: e.STREAM_SAMPLE_RATE,
  };
}
