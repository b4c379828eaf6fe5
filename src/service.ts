import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import type winston from 'winston';
import { createApp, type App } from './app';
import type { Collector, CollectorObserver } from './collector/collector';
import { scheduleCollections } from './collector/scheduler';
import { createSource } from './collector/sources';
import type { PostSource } from './collector/types';
import { databaseSettings, secretsOf, type Config } from './config';
import { closeDatabase, dialectOf, openDatabase } from './database';
import { createEvents, type Events } from './events';
import { createHttpServer, listen } from './http-server';
import { usePostsStoredTransport } from './notifications/posts-stored';
import { postgresTransport, type PostgresTransport } from './notifications/postgres-transport';
import { createLogger, type Logs } from './observability/logger';
import { createMetrics, type AppMetrics } from './observability/metrics';
import { countStored } from './repositories/aggregate-reader';
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
}

export interface Service {
  config: Readonly<Config>;
  http: Express;
  collector: Collector;
  stream: StreamRunner;
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
  const dataSource = await openConfiguredDatabase(config, logger);
  const notifications = replicaNotifications(dataSource, logger, metrics);
  const { events, leader } = configuredEvents(config, { dataSource, logger, metrics });
  const source = configuredSource(options, logger, metrics);
  const stream = await recoveredStream(options, dataSource, logger, metrics);
  const { http, collector, lease, live } = createApp({
    stream,
    config,
    adminToken,
    dataSource,
    logger,
    metrics,
    source,
    collectorObserver: options.collectorObserver,
    logTransportStats: () => logs.transportStats(),
  });
  leader.holds = () => lease.isLeader();

  let server: Server | undefined;
  let scheduler: { stop(): void } | undefined;
  let stopped: Promise<void> | undefined;

  const start = async (): Promise<Server> => {
    server = createHttpServer(http, config.http, logger);
    await listen(server, config.port, config.host);
    logListening(logger, server, config, source.name);
    notifications?.listen();
    events?.start();
    scheduler = await startCollecting(config, { dataSource, collector, lease, logger });
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
          () => closeDatabase(dataSource),
        ],
      }),
    ));

  return { config, http, collector, stream, dataSource, logger, logs, metrics, start, stop };
}

/**
 * PostgreSQL: "posts stored" reaches the other replicas through LISTEN/NOTIFY (set before anything
 * subscribes; listening starts with the server, so the CLIs only notify).
 */
function replicaNotifications(
  dataSource: DataSource,
  logger: winston.Logger,
  metrics: AppMetrics,
): PostgresTransport | undefined {
  if (dialectOf(dataSource) !== 'postgres') return undefined;
  const transport = postgresTransport({ dataSource, logger, listening: metrics.leader.notifyListening });
  usePostsStoredTransport(dataSource, transport);
  return transport;
}

/** The source of posts the options give, or the one TWEET_SOURCE selects. */
function configuredSource(options: ServiceOptions, logger: winston.Logger, metrics: AppMetrics): PostSource {
  const { config } = options;
  return typeof options.source === 'function'
    ? options.source({ config, logger, metrics })
    : (options.source ?? createSource(config, { logger, metrics }));
}

/** The database of the configuration; each failed attempt to reach PostgreSQL at start is logged. */
function openConfiguredDatabase(config: Readonly<Config>, logger: winston.Logger): Promise<DataSource> {
  return openDatabase({
    ...databaseSettings(config),
    onConnectRetry: ({ host, reason, retryInMs }) =>
      logger.warn(`PostgreSQL at ${host} cannot be reached (${reason}); trying again in ${retryInMs} ms`, {
        event: 'database.connect_retry',
        retry_in_ms: retryInMs,
      }),
  });
}

/**
 * Events on (NATS_URL): made before anything writes (the stream's recovery, the first collection), so
 * their events join those transactions. One relay per database: only the lease holder publishes
 * (`leader.holds` is set once the lease exists).
 */
function configuredEvents(
  config: Readonly<Config>,
  deps: { dataSource: DataSource; logger: winston.Logger; metrics: AppMetrics },
): { events: Events | undefined; leader: { holds(): boolean } } {
  const leader = { holds: () => false };
  if (!config.events) return { events: undefined, leader };
  const mayRelay = () => leader.holds();
  return { events: createEvents({ ...deps, config: config.events, mayRelay }), leader };
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
  config: Readonly<Config>,
  {
    dataSource,
    collector,
    lease,
    logger,
  }: Pick<App, 'collector' | 'lease'> & { dataSource: DataSource; logger: winston.Logger },
): Promise<{ stop(): void }> {
  lease.onAcquired(() => collectIfEmpty(dataSource, collector, logger));
  collector.start();
  await lease.start();
  return scheduleCollections(collector, config.collect.intervalMinutes, logger, () => lease.isLeader());
}

/** The first start fills an empty database in the background; the server answers meanwhile. */
async function collectIfEmpty(
  dataSource: DataSource,
  collector: Collector,
  logger: winston.Logger,
): Promise<void> {
  if ((await countStored(dataSource)).posts > 0) return;
  collector
    .run('first-start')
    .catch((error: unknown) => logger.error('first collection failed', { event: 'collection.error', error }));
}

/** The stream runner, after closing a run a crash left open at its last heartbeat. */
async function recoveredStream(
  options: ServiceOptions,
  dataSource: DataSource,
  logger: winston.Logger,
  metrics: AppMetrics,
): Promise<StreamRunner> {
  const stream = createStreamRunner({
    dataSource,
    source: options.streamSource ?? createStreamSource(options.config, logger),
    logger,
    metrics,
    config: options.config.stream,
    replicaName: options.config.leader.replicaName,
    leaseTtlMs: options.config.leader.leaseTtlMs,
  });
  metrics.streamLeaseTtlSeconds.set(options.config.leader.leaseTtlMs / 1000);
  await stream.recover();
  return stream;
}
