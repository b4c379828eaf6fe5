import type { Server } from 'node:http';
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import type winston from 'winston';
import { createApp } from './app';
import type { Collector, CollectorObserver } from './collector/collector';
import { scheduleCollections } from './collector/scheduler';
import { createSource } from './collector/sources';
import type { PostSource } from './collector/types';
import { secretsOf, type Config } from './config';
import { closeDatabase, openDatabase } from './database';
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
  metrics: AppMetrics;
  /** Listens, collects once when the database is empty, and starts the schedule. */
  start(): Promise<Server>;
  /**
   * Stops in one order: the server (in-flight requests finish), the schedule, the collection, the stream
   * run (its connection closed, its last posts written, the run recorded as ended), logs, the database.
   */
  stop(): Promise<void>;
}

/** The one composition root: main.ts, the collect CLI, the benchmarks and the tests all build the service here. */
export async function createService(options: ServiceOptions): Promise<Service> {
  const { config } = options;
  const adminToken = options.adminToken ?? config.adminToken ?? '';
  const logs =
    options.logs ??
    createLogger({
      level: config.logLevel,
      logstash: config.logstash,
      secrets: [...secretsOf(config), adminToken].filter(Boolean),
    });
  const { logger } = logs;
  const metrics = createMetrics({ collectIntervalMinutes: config.collect.intervalMinutes });
  const dataSource = await openDatabase(config.databasePath);
  const source =
    typeof options.source === 'function'
      ? options.source({ config, logger, metrics })
      : (options.source ?? createSource(config, { logger, metrics }));
  const stream = createStreamRunner({
    dataSource,
    source: options.streamSource ?? createStreamSource(config, logger),
    logger,
    metrics,
    config: config.stream,
  });
  await stream.recover();
  const { http, collector } = createApp({
    stream,
    config,
    adminToken,
    dataSource,
    logger,
    metrics,
    source,
    collectorObserver: options.collectorObserver,
    logTransportStats: logs.transportStats,
  });

  let server: Server | undefined;
  let scheduler: { stop(): void } | undefined;
  let stopped: Promise<void> | undefined;

  const start = async (): Promise<Server> => {
    server = await listen(http, config);
    logger.info(`listening on http://${config.host}:${config.port} with the ${source.name} source`, {
      event: 'app.start',
      port: config.port,
      source: source.name,
      tags: config.tags,
    });
    if ((await countStored(dataSource)).posts === 0) {
      collector
        .run('first-start')
        .catch((error: unknown) =>
          logger.error('first collection failed', { event: 'collection.error', error }),
        );
    }
    scheduler = scheduleCollections(collector, config.collect.intervalMinutes, logger);
    return server;
  };

  const stop = (): Promise<void> =>
    (stopped ??= shutDown({
      server,
      logger,
      timeoutMs: config.shutdownTimeoutMs,
      then: [
        () => scheduler?.stop(),
        () => collector.stop(),
        async () => void (await stream.stop('shutdown')),
        () => logs.close(config.shutdownTimeoutMs),
        () => closeDatabase(dataSource),
      ],
    }));

  return { config, http, collector, stream, dataSource, logger, metrics, start, stop };
}

function listen(http: Express, config: Readonly<Config>): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = http.listen(config.port, config.host, (error?: Error) =>
      error ? reject(error) : resolve(server),
    );
  });
}
