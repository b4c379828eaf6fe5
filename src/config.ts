import express from 'express';
import { z } from 'zod';

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

const tagList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((tag) => tag.trim().toLowerCase())
      .filter(Boolean),
  )
  .transform((tags) => [...new Set(tags.map((tag) => (tag.startsWith('#') ? tag : `#${tag}`)))])
  .pipe(
    z
      .array(z.string().regex(/^#[\p{L}\p{N}_]{1,100}$/u, 'comma-separated hashtags such as #devops,#sre'))
      .min(1, 'at least one hashtag'),
  );

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
  TRUST_PROXY: trustProxy.default(['loopback', 'linklocal', 'uniquelocal']),
  STREAM_STALL_TIMEOUT_MS: integer(50, 600000).default(30000),
  STREAM_NETWORK_BACKOFF_MS: integer(1, 60000).default(250),
  STREAM_NETWORK_BACKOFF_MAX_MS: integer(1, 600000).default(16000),
  STREAM_HTTP_BACKOFF_MS: integer(1, 600000).default(5000),
  STREAM_HTTP_BACKOFF_MAX_MS: integer(1, 3600000).default(320000),
  STREAM_RATE_LIMIT_BACKOFF_MS: integer(1, 3600000).default(60000),
  STREAM_BATCH_MS: integer(1, 60000).default(250),
  STREAM_BATCH_SIZE: integer(1, 10000).default(500),
  STREAM_SAMPLE_RATE: integer(1, 100000).default(5),
});

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
  /** whose X-Forwarded-For is believed for the client address in the logs (Express's `trust proxy`) */
  trustProxy: TrustProxy;
  stream: StreamConfig;
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
  /** posts per second the sample replay emits when there are no X credentials */
  sampleRate: number;
}

/** Their values never appear in an error message: a short token is still a token. */
const SECRET_VARIABLES = new Set([
  'ADMIN_TOKEN',
  'TWITTER_BEARER_TOKEN',
  'TWITTER_CONSUMER_KEY',
  'TWITTER_CONSUMER_SECRET',
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
  const e = parsed.data;
  const hasCredentials = Boolean(
    e.TWITTER_BEARER_TOKEN || (e.TWITTER_CONSUMER_KEY && e.TWITTER_CONSUMER_SECRET),
  );
  if (Boolean(e.TWITTER_CONSUMER_KEY) !== Boolean(e.TWITTER_CONSUMER_SECRET)) {
    throw new ConfigError('Invalid TWITTER_CONSUMER_KEY/TWITTER_CONSUMER_SECRET: expected both or neither');
  }
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
    stream: {
      stallTimeoutMs: e.STREAM_STALL_TIMEOUT_MS,
      networkBackoffMs: e.STREAM_NETWORK_BACKOFF_MS,
      networkBackoffMaxMs: e.STREAM_NETWORK_BACKOFF_MAX_MS,
      httpBackoffMs: e.STREAM_HTTP_BACKOFF_MS,
      httpBackoffMaxMs: e.STREAM_HTTP_BACKOFF_MAX_MS,
      rateLimitBackoffMs: e.STREAM_RATE_LIMIT_BACKOFF_MS,
      batchMs: e.STREAM_BATCH_MS,
      batchSize: e.STREAM_BATCH_SIZE,
      sampleRate: e.STREAM_SAMPLE_RATE,
    },
  });
}

/** Values that must never reach a log line, a metric or a response. */
export function secretsOf(config: Config): string[] {
  return [
    config.adminToken,
    config.xApi.bearerToken,
    config.xApi.consumerKey,
    config.xApi.consumerSecret,
  ].filter((value): value is string => Boolean(value));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
