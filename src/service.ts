import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import type winston from 'winston';
import { createApp } from './app';
import type { ReplicatedCollector } from './collector/replicated-collector';
import type { Config } from './config';
import { createHttpServer, listen } from './http-server';
import { createLiveHub } from './live/hub';
import type { Logs } from './observability/logger';
import { createMetrics, type AppMetrics } from './observability/metrics';
import type { Store } from './repositories/store';
import { shutDown } from './shutdown';
import type { StreamRunner } from './stream/runner';
import type { ServiceOptions } from './service-options';
import {
  bindScrapeSources,
  configuredEvents,
  configuredLogs,
  configuredSource,
  configuredStore,
  observedReadCache,
  recoveredStream,
  replicatedCollector,
  startCollecting,
} from './service-parts';

export type { ServiceOptions, SourceFactory } from './service-options';
export { openStore } from './service-parts';

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
