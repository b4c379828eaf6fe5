import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import type winston from 'winston';
import { createApp } from './app';
import { createCollector, type Collector, type CollectorObserver } from './collector/collector';
import type { Clock } from './clock';
import { createLeaderLease, type LeaderLease } from './collector/leader-lease';
import { createReplicatedCollector, type ReplicatedCollector } from './collector/replicated-collector';
import { scheduleCollections } from './collector/scheduler';
import { createSource } from './collector/sources';
import type { PostSource } from './collector/types';
import { databaseSettings, secretsOf, type Config } from './config';
import { openDatabase, type Database, type DatabaseSettings } from './database';
import { createEvents, eventsOutbox, type Events } from './events';
import { createHttpServer, listen } from './http-server';
import { createLiveHub } from './live/hub';
import { inProcessTransport } from './notifications/posts-stored';
import { postgresTransport, type PostgresTransport } from './notifications/postgres-transport';
import { createLogger, type Logs } from './observability/logger';
import { createMetrics, type AppMetrics, type DatabaseSnapshot } from './observability/metrics';
import { countStored } from './repositories/aggregate-reader';
import { deleteEverything } from './repositories/post-writer';
import { createReadCache, type ReadCache } from './repositories/read-cache';
import { createStore, type Store } from './repositories/store';
import { shutDown } from './shutdown';
import { createStreamRunner, type StreamRunner } from './stream/runner';
import { createStreamSource } from './stream/sources';
import type { StreamSource } from './stream/types';

export type SourceFactory = (deps: {
  config: Readonly<Config>;
  logger: winston.Logger;
  metrics: AppMetrics;
}) => PostSource;

export interface ServiceOptions {
  config: Readonly<Config>;
  /** the admin token in force; ADMIN_TOKEN when not given (main.ts generates one when that is unset) */
  adminToken?: string;
  /** the logger and its transports; built from the configuration when not given (tests capture lines) */
  logs?: Logs;
  /** the source of posts; the one TWEET_SOURCE selects when not given */
  source?: PostSource | SourceFactory;
  /** the live stream's source; the one TWEET_SOURCE selects when not given */
  streamSource?: StreamSource;
  /** progress of each collection, for the collect CLI */
  collectorObserver?: CollectorObserver;
  /** the time every timed part reads (lease, scheduler, live hub, stream run); the system's unless a test moves its own */
  clock?: Clock;
}

export interface Service {
  config: Readonly<Config>;
  http: Express;
  collector: ReplicatedCollector;
  stream: StreamRunner;
  store: Store;
  /** the store's writing connection, for raw SQL (the tests, the benchmarks) */
  dataSource: DataSource;
  logger: winston.Logger;
  /** the logger's transports: their state, and flushing them (the crash guard in main.ts) */
  logs: Logs;
  metrics: AppMetrics;
  /** Listens, collects once when the database is empty, and starts the schedule. */
  start(): Promise<Server>;
  /**
   * Stops in one order: the server (in-flight requests finish), the schedule, the collection, the stream
   * run (its connection closed, its last posts written, the run recorded as ended), the events relay and
   * its NATS connection (after every writer: what is left in the outbox goes at the next start), logs,
   * the database.
   */
  stop(): Promise<void>;
}

/** The app.start line, with the port bound (PORT=0 leaves it to the system). */
function logListening(logger: winston.Logger, server: Server, config: Config, sourceName: string): void {
  const { port } = server.address() as AddressInfo;
  logger.info(`listening on http://${config.host}:${port} with the ${sourceName} source`, {
    event: 'app.start',
    port,
    source: sourceName,
    tags: config.tags,
  });
}

/** The one composition root: main.ts, the collect CLI, the benchmarks and the tests all build the service here. */
export async function createService(options: ServiceOptions): Promise<Service> {
  const { config } = options;
  const adminToken = options.adminToken ?? config.adminToken ?? '';
  const logs = options.logs ?? configuredLogs(config, adminToken);
  const { logger } = logs;
  const metrics = createMetrics({ collectIntervalMinutes: config.collect.intervalMinutes });
  const { store, notifications } = await configuredStore(config, logger, metrics);
  const source = configuredSource(options, logger, metrics);
  const { lease, collector } = replicatedCollector(options, { store, logger, metrics, source });
  const events = configuredEvents(config, { store, logger, metrics, mayRelay: () => lease.isLeader() });
  const stream = await recoveredStream(options, store, logger, metrics);
  const { clock } = options;
  const live = createLiveHub({ store, config: config.live, metrics: metrics.live, logger, clock });
  bindScrapeSources(metrics, store, logs);
  const readCache = observedReadCache(config, store, metrics);
  const http = createApp({ config, adminToken, store, logger, metrics, collector, live, readCache, stream });

  let server: Server | undefined;
  let scheduler: { stop(): void } | undefined;
  let stopped: Promise<void> | undefined;

  const start = async (): Promise<Server> => {
    server = createHttpServer(http, config.http, logger);
    await listen(server, config.port, config.host);
    logListening(logger, server, config, source.name);
    notifications?.listen();
    events?.start();
    scheduler = await startCollecting(options, { store, collector, lease, logger });
    stream.share(lease);
    return server;
  };

  const stop = (): Promise<void> =>
    // Event streams never end by themselves: close them first, or the server waits for them.
    (stopped ??= live.close().then(() =>
      shutDown({
        server,
        logger,
        timeoutMs: config.shutdownTimeoutMs,
        then: [
          () => scheduler?.stop(),
          () => collector.close(),
          () => lease.stop(),
          () => stream.shutdown(),
          () => stream.close(),
          () => events?.stop(),
          () => notifications?.close(),
          () => logs.close(config.shutdownTimeoutMs),
          () => store.close(),
        ],
      }),
    ));

  const { dataSource } = store;
  return { config, http, collector, stream, store, dataSource, logger, logs, metrics, start, stop };
}

/**
 * The store of the configured database: its outbox with events on (made before anything writes, so the
 * stream's recovery and the first collection write their events), its notifier across replicas on
 * PostgreSQL, else in process.
 */
async function configuredStore(
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
function configuredSource(options: ServiceOptions, logger: winston.Logger, metrics: AppMetrics): PostSource {
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
function configuredEvents(
  config: Readonly<Config>,
  deps: { store: Store; logger: winston.Logger; metrics: AppMetrics; mayRelay(): boolean },
): Events | undefined {
  return config.events ? createEvents({ ...deps, config: config.events }) : undefined;
}

/**
 * This process's collector, the collector lease, and the collector replicas share around them: local
 * until `collector.start()`, then the lease holder's.
 */
function replicatedCollector(
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
function observedReadCache(config: Readonly<Config>, store: Store, metrics: AppMetrics): ReadCache {
  return createReadCache(store, {
    maxBytes: config.readCacheMaxBytes,
    observer: {
      onSize: (bytes) => metrics.readCacheBytes.set(bytes),
      onEvict: () => metrics.readCacheEvictions.inc(),
    },
  });
}

/** What the metrics read at each scrape: the database's counts and size, the Logstash transport. */
function bindScrapeSources(metrics: AppMetrics, store: Store, logs: Logs): void {
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

function configuredLogs(config: Readonly<Config>, adminToken: string): Logs {
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
async function startCollecting(
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
async function recoveredStream(
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
