import express, { type Express } from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from 'winston';
import { createCollector, type Collector, type CollectorObserver } from './collector/collector';
import { createLeaderLease, type LeaderLease } from './collector/leader-lease';
import { createReplicatedCollector, type ReplicatedCollector } from './collector/replicated-collector';
import { createLiveHub, type LiveHub } from './live/hub';
import type { PostSource } from './collector/types';
import type { Config } from './config';
import { databaseSizeBytes } from './database';
import type { DatabaseSnapshot } from './observability/metrics';
import { notFound, problemHandler } from './errors';
import { observeRequests, requestId } from './observability/http';
import { apiHeaders, browserHeaders, PAGE_PREFIXES } from './security-headers';
import type { AppMetrics } from './observability/metrics';
import type { StreamControl } from './stream/control';
import { countStored } from './repositories/aggregate-reader';
import { deleteEverything } from './repositories/post-writer';
import { createReadCache } from './repositories/read-cache';
import { aggregateRoutes } from './resources/aggregates/routes';
import { adminGuard } from './resources/database/admin-auth';
import { databaseRoutes } from './resources/database/routes';
import { liveRoutes } from './resources/live/routes';
import { healthRoutes } from './resources/health/routes';
import { metricsRoutes } from './resources/metrics/routes';
import { openApiRoutes } from './resources/openapi/routes';
import { pageRoutes } from './resources/page/routes';
import { streamRoutes } from './resources/stream/routes';
import { tweetsRoutes } from './resources/tweets/routes';

export interface AppDeps {
  config: Readonly<Config>;
  /** the admin token in force: ADMIN_TOKEN, or the one main.ts generated */
  adminToken: string;
  dataSource: DataSource;
  logger: Logger;
  metrics: AppMetrics;
  source: PostSource;
  /** the live stream's runs (POST /launch, POST /stop, GET /statistics) */
  stream: StreamControl;
  /** progress of each collection beside the metrics (the collect CLI prints it) */
  collectorObserver?: CollectorObserver;
  /** the Logstash transport's state, for the logging metrics */
  logTransportStats?: () => { connected: boolean; dropped: number };
}

export interface App {
  http: Express;
  /** the collector replicas share: local until `collector.start()`, then the lease holder's */
  collector: ReplicatedCollector;
  /** the collector lease (service.ts starts it; one process alone always holds it) */
  lease: LeaderLease;
  live: LiveHub;
}

/** The collector lease and the collector replicas share around this process's own. */
function replicated(deps: AppDeps, local: Collector): Pick<App, 'lease' | 'collector'> {
  const { config, dataSource, logger } = deps;
  const lease = createLeaderLease({
    dataSource,
    logger,
    metrics: deps.metrics.leader,
    ttlMs: config.leader.leaseTtlMs,
    replicaName: config.leader.replicaName,
    // A leader that lost its lease stops collecting at once: the next one resumes from the holes.
    onLost: () => void local.stop(),
  });
  const collector = createReplicatedCollector({
    dataSource,
    local,
    lease,
    logger,
    removeData: () => deleteEverything(dataSource),
    waitMs: config.leader.requestWaitMs,
  });
  return { lease, collector };
}

/** The HTTP app and the collector behind it, from what the composition root (service.ts) gives. */
export function createApp(deps: AppDeps): App {
  const { config, dataSource, logger, metrics } = deps;
  const local = createCollector({
    dataSource,
    source: deps.source,
    logger,
    metrics,
    tags: config.tags,
    tweetsPerTag: config.tweetsPerTag,
    concurrency: config.collect.concurrency,
    observer: deps.collectorObserver,
  });
  const { lease, collector } = replicated(deps, local);

  metrics.bindScrapeSources({
    database: () => databaseSnapshot(dataSource),
    logTransport: deps.logTransportStats ?? (() => ({ connected: false, dropped: 0 })),
  });

  const readCache = createReadCache(dataSource, {
    maxBytes: config.readCacheMaxBytes,
    observer: {
      onSize: (bytes) => metrics.readCacheBytes.set(bytes),
      onEvict: () => metrics.readCacheEvictions.inc(),
    },
  });
  const live = createLiveHub({ dataSource, config: config.live, metrics: metrics.live, logger });

  const http = express();
  http.set('trust proxy', config.trustProxy);
  http.set('etag', false);
  http.disable('x-powered-by');
  // Every answer gets the API headers; the pages add the browser set over them (docs/security-headers.md).
  http.use(requestId, observeRequests(metrics, logger), apiHeaders);
  http.use(healthRoutes(dataSource));
  http.use(metricsRoutes(metrics));
  http.use(tweetsRoutes(dataSource, readCache));
  http.use(aggregateRoutes(dataSource, config.tags, readCache));
  const admin = adminGuard({ token: deps.adminToken, maxFailedAuth: config.adminMaxFailedAuth });
  http.use(databaseRoutes(dataSource, collector, admin));
  http.use(liveRoutes(live));
  http.use(streamRoutes(deps.stream, admin));
  // Past the API's routes, so no API answer passes these layers.
  http.get('/', browserHeaders);
  http.use(PAGE_PREFIXES, browserHeaders);
  http.use(openApiRoutes());
  http.use(pageRoutes(config.links));
  http.use(notFound);
  http.use(problemHandler((error) => logger.error('request failed', { event: 'http.error', error })));
  return { http, collector, lease, live };
}

async function databaseSnapshot(dataSource: DataSource): Promise<DatabaseSnapshot> {
  try {
    const [stored, sizeBytes] = await Promise.all([countStored(dataSource), databaseSizeBytes(dataSource)]);
    return { up: true, ...stored, sizeBytes };
  } catch {
    return { up: false };
  }
}
