import express, { type Express } from 'express';
import type { Logger } from 'winston';
import type { Collector } from './collector/collector';
import type { Config } from './config';
import { notFound, problemHandler } from './errors';
import type { LiveHub } from './live/hub';
import { observeRequests, requestId } from './observability/http';
import type { AppMetrics } from './observability/metrics';
import type { ReadCache } from './repositories/read-cache';
import type { Store } from './repositories/store';
import { aggregateRoutes } from './resources/aggregates/routes';
import { adminGuard } from './resources/database/admin-auth';
import { databaseRoutes } from './resources/database/routes';
import { healthRoutes } from './resources/health/routes';
import { liveRoutes } from './resources/live/routes';
import { metricsRoutes } from './resources/metrics/routes';
import { openApiRoutes } from './resources/openapi/routes';
import { pageRoutes } from './resources/page/routes';
import { streamRoutes } from './resources/stream/routes';
import { tweetsRoutes } from './resources/tweets/routes';
import { apiHeaders, browserHeaders, PAGE_PREFIXES } from './security-headers';
import type { StreamControl } from './stream/control';

/** What the HTTP app serves; the composition root (service.ts) builds each part. */
export interface AppDeps {
  config: Readonly<Config>;
  /** the admin token in force: ADMIN_TOKEN, or the one main.ts generated */
  adminToken: string;
  store: Store;
  logger: Logger;
  metrics: AppMetrics;
  /** the collector replicas share (GET and DELETE /database) */
  collector: Collector;
  /** the live event stream (GET /live/events) */
  live: LiveHub;
  readCache: ReadCache;
  /** the live stream's runs (POST /launch, POST /stop, GET /statistics) */
  stream: StreamControl;
}

/** The HTTP app: middleware, every resource's routes, the error handler. */
export function createApp(deps: AppDeps): Express {
  const { config, store, logger, metrics, readCache } = deps;
  const http = express();
  http.set('trust proxy', config.trustProxy);
  http.set('etag', false);
  http.disable('x-powered-by');
  // Every answer gets the API headers; the pages add the browser set over them (docs/security-headers.md).
  http.use(requestId, observeRequests(metrics, logger), apiHeaders);
  http.use(healthRoutes(store));
  http.use(metricsRoutes(metrics));
  http.use(tweetsRoutes(store, readCache));
  http.use(aggregateRoutes(store, config.tags, readCache));
  const admin = adminGuard({ token: deps.adminToken, maxFailedAuth: config.adminMaxFailedAuth });
  http.use(databaseRoutes(store, deps.collector, admin));
  http.use(liveRoutes(deps.live));
  http.use(streamRoutes(deps.stream, admin));
  // Past the API's routes, so no API answer passes these layers.
  http.get('/', browserHeaders);
  http.use(PAGE_PREFIXES, browserHeaders);
  http.use(openApiRoutes());
  http.use(pageRoutes(config.links));
  http.use(notFound);
  http.use(problemHandler((error) => logger.error('request failed', { event: 'http.error', error })));
  return http;
}
