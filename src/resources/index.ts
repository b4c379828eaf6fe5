import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { registerPaths as aggregatePaths } from './aggregates/openapi';
import { POSTMAN_REQUESTS as aggregateRequests } from './aggregates/postman';
import { registerPaths as databasePaths } from './database/openapi';
import { POSTMAN_REQUESTS as databaseRequests } from './database/postman';
import { registerPaths as healthPaths } from './health/openapi';
import { POSTMAN_REQUESTS as healthRequests } from './health/postman';
import { registerLive as livePaths } from './live/openapi';
import { POSTMAN_REQUESTS as liveRequests } from './live/postman';
import { registerPaths as metricsPaths } from './metrics/openapi';
import { POSTMAN_REQUESTS as metricsRequests } from './metrics/postman';
import { registerPaths as openApiPaths } from './openapi/paths';
import { POSTMAN_REQUESTS as openApiRequests } from './openapi/postman';
import type { PostmanRequest } from './postman';
import { registerStream as streamPaths } from './stream/openapi';
import { POSTMAN_REQUESTS as streamRequests } from './stream/postman';
import { registerPaths as tweetsPaths } from './tweets/openapi';
import { POSTMAN_REQUESTS as tweetsRequests } from './tweets/postman';

export interface ResourceContract {
  /** registers the resource's paths, schemas and examples in the OpenAPI description */
  paths(registry: OpenAPIRegistry): void;
  /** its requests in the Postman collection, with their checks */
  postman: PostmanRequest[];
}

/**
 * Each resource's contract, kept in its own folder beside its routes. The OpenAPI description and the
 * Postman collection list them in this order; the database's come last in Postman, since they drop and
 * restore the data the others read. A new endpoint of an existing resource changes only its folder.
 */
export const RESOURCES: ResourceContract[] = [
  { paths: tweetsPaths, postman: tweetsRequests },
  { paths: aggregatePaths, postman: aggregateRequests },
  { paths: livePaths, postman: liveRequests },
  { paths: streamPaths, postman: streamRequests },
  { paths: healthPaths, postman: healthRequests },
  { paths: metricsPaths, postman: metricsRequests },
  { paths: openApiPaths, postman: openApiRequests },
  { paths: databasePaths, postman: databaseRequests },
];
