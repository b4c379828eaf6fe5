/** The parts the composition root (service.ts) builds, each from the configuration and what it needs. */
import type winston from 'winston';
import { createCollector, type Collector } from './collector/collector';
import { createLeaderLease, type LeaderLease } from './collector/leader-lease';
import { createReplicatedCollector, type ReplicatedCollector } from './collector/replicated-collector';
import { scheduleCollections } from './collector/scheduler';
import { createSource } from './collector/sources';
import type { PostSource } from './collector/types';
import { databaseSettings, secretsOf, type Config } from './config';
import { openDatabase, type Database, type DatabaseSettings } from './database';
import { createEvents, eventsOutbox, type Events } from './events';
import { inProcessTransport } from './notifications/posts-stored';
import { postgresTransport, type PostgresTransport } from './notifications/postgres-transport';
import { createLogger, type Logs } from './observability/logger';
import { type AppMetrics, type DatabaseSnapshot } from './observability/metrics';
import { countStored } from './repositories/aggregate-reader';
import { deleteEverything } from './repositories/post-writer';
import { createReadCache, type ReadCache } from './repositories/read-cache';
import { createStore, type Store } from './repositories/store';
import { createStreamRunner, type StreamRunner } from './stream/runner';
import { createStreamSource } from './stream/sources';
import type { ServiceOptions } from './service-options';

/**
 * The store of the configured database: its outbox with events on (made before anything writes, so the
 * stream's recovery and the first collection write their events), its notifier across replicas on
 * PostgreSQL, else in process.
 */
export async function configuredStore(
  config: Readonly<Config>,
  logger: winston.Logger,
  metrics: AppMetrics,
): Promise<{ store: Store; notifications: PostgresTransport | undefined }> {
  const database = await openConfiguredDatabase(config, logger);
  const notifications = replicaNotifications(database, logger, metrics);
  const store = createStore(database, {
    postsStored: notifications ?? inProcessTransport(),
    outbox: config.events ? eventsOutbox(config.events) : undefined,
  });
  return { store, notifications };
}

/**
 * PostgreSQL: "posts stored" reaches the other replicas through LISTEN/NOTIFY (listening starts with
 * the server, so the CLIs only notify).
 */
function replicaNotifications(
  database: Database,
  logger: winston.Logger,
  metrics: AppMetrics,
): PostgresTransport | undefined {
  if (database.dialect !== 'postgres') return undefined;
  const { dataSource } = database;
  return postgresTransport({ dataSource, logger, listening: metrics.leader.notifyListening });
}

/**
 * A store on the database `settings` name, its notifications in process: the scripts', the benchmarks'
 * and the tests' way to the repositories without the whole service.
 */
export async function openStore(
  settings: DatabaseSettings | string,
  parts: Partial<Parameters<typeof createStore>[1]> = {},
): Promise<Store> {
  return createStore(await openDatabase(settings), { postsStored: inProcessTransport(), ...parts });
}

/** The source of posts the options give, or the one TWEET_SOURCE selects. */
export function configuredSource(
  options: ServiceOptions,
  logger: winston.Logger,
  metrics: AppMetrics,
): PostSource {
  const { config } = options;
  return typeof options.source === 'function'
    ? options.source({ config, logger, metrics })
    : (options.source ?? createSource(config, { logger, metrics }));
}

/** The database of the configuration; each failed attempt to reach PostgreSQL at start is logged. */
function openConfiguredDatabase(config: Readonly<Config>, logger: winston.Logger): Promise<Database> {
  return openDatabase({
    ...databaseSettings(config),
    onConnectRetry: ({ host, reason, retryInMs }) =>
      logger.warn(`PostgreSQL at ${host} cannot be reached (${reason}); trying again in ${retryInMs} ms`, {
        event: 'database.connect_retry',
        retry_in_ms: retryInMs,
      }),
  });
}

/** The relay of the store's outbox (NATS_URL). One relay per database: only the lease holder publishes. */
export function configuredEvents(
  config: Readonly<Config>,
  deps: { store: Store; logger: winston.Logger; metrics: AppMetrics; mayRelay(): boolean },
): Events | undefined {
  return config.events ? createEvents({ ...deps, config: config.events }) : undefined;
}

/**
 * This process's collector, the collector lease, and the collector replicas share around them: local
 * until `collector.start()`, then the lease holder's.
 */
export function replicatedCollector(
  options: ServiceOptions,
  deps: { store: Store; logger: winston.Logger; metrics: AppMetrics; source: PostSource },
): { lease: LeaderLease; collector: ReplicatedCollector } {
  const { config } = options;
  const { store, logger } = deps;
  const local = createCollector({
    ...deps,
    tags: config.tags,
    tweetsPerTag: config.tweetsPerTag,
    concurrency: config.collect.concurrency,
    observer: options.collectorObserver,
  });
  const lease = createLeaderLease({
    store,
    logger,
    metrics: deps.metrics.leader,
    ttlMs: config.leader.leaseTtlMs,
    replicaName: config.leader.replicaName,
    clock: options.clock,
    // A leader that lost its lease stops collecting at once: the next one resumes from the holes.
    onLost: () => void local.stop(),
  });
  const collector = createReplicatedCollector({
    store,
    local,
    lease,
    logger,
    removeData: () => deleteEverything(store),
    waitMs: config.leader.requestWaitMs,
  });
  return { lease, collector };
}

/** The read cache of serialised answers, its size and evictions in the metrics. */
export function observedReadCache(config: Readonly<Config>, store: Store, metrics: AppMetrics): ReadCache {
  return createReadCache(store, {
    maxBytes: config.readCacheMaxBytes,
    observer: {
      onSize: (bytes) => metrics.readCacheBytes.set(bytes),
      onEvict: () => metrics.readCacheEvictions.inc(),
    },
  });
}

/** What the metrics read at each scrape: the database's counts and size, the Logstash transport. */
export function bindScrapeSources(metrics: AppMetrics, store: Store, logs: Logs): void {
  metrics.bindScrapeSources({
    database: () => databaseSnapshot(store),
    logTransport: () => logs.transportStats(),
  });
}

async function databaseSnapshot(store: Store): Promise<DatabaseSnapshot> {
  try {
    const [stored, sizeBytes] = await Promise.all([countStored(store), store.sizeBytes()]);
    return { up: true, ...stored, sizeBytes };
  } catch {
    return { up: false };
  }
}

export function configuredLogs(config: Readonly<Config>, adminToken: string): Logs {
  return createLogger({
    level: config.logLevel,
    format: config.logFormat,
    logstash: config.logstash,
    secrets: [...secretsOf(config), adminToken].filter(Boolean),
  });
}

/**
 * The lease decides which replica collects (a lone process takes it at once); whoever gets it, now or
 * after a takeover, fills an empty database. Every replica keeps a schedule; only the leader's runs.
 */
export async function startCollecting(
  { config, clock }: ServiceOptions,
  {
    store,
    collector,
    lease,
    logger,
  }: { store: Store; collector: ReplicatedCollector; lease: LeaderLease; logger: winston.Logger },
): Promise<{ stop(): void }> {
  lease.onAcquired(() => collectIfEmpty(store, collector, logger));
  collector.start();
  await lease.start();
  const isLeader = () => lease.isLeader();
  return scheduleCollections(collector, config.collect.intervalMinutes, logger, isLeader, clock);
}

/** The first start fills an empty database in the background; the server answers meanwhile. */
async function collectIfEmpty(store: Store, collector: Collector, logger: winston.Logger): Promise<void> {
  if ((await countStored(store)).posts > 0) return;
  collector
    .run('first-start')
    .catch((error: unknown) => logger.error('first collection failed', { event: 'collection.error', error }));
}

/** The stream runner, after closing a run a crash left open at its last heartbeat. */
export async function recoveredStream(
  options: ServiceOptions,
  store: Store,
  logger: winston.Logger,
  metrics: AppMetrics,
): Promise<StreamRunner> {
  const stream = createStreamRunner({
    store,
    source: options.streamSource ?? createStreamSource(options.config, logger),
    logger,
    metrics,
    config: options.config.stream,
    replicaName: options.config.leader.replicaName,
    leaseTtlMs: options.config.leader.leaseTtlMs,
    clock: options.clock,
  });
  metrics.streamLeaseTtlSeconds.set(options.config.leader.leaseTtlMs / 1000);
  await stream.recover();
  return stream;
}
