import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import * as aggregates from './aggregates/contract';
import * as database from './database/contract';
import * as health from './health/contract';
import * as live from './live/contract';
import * as metrics from './metrics/contract';
import * as openApi from './openapi/contract';
import { SHARED_EXAMPLES, type Example } from './openapi/examples';
import * as stream from './stream/contract';
import * as tweets from './tweets/contract';

/** What each resource's contract module (`<resource>/contract.ts`, beside its routes) gives. */
export interface ResourceContract {
  /** registers the resource's paths, schemas and examples in the OpenAPI description */
  registerPaths(registry: OpenAPIRegistry): void;
  /** its examples that test/contract/openapi-examples.test.ts checks against real answers */
  EXAMPLES?: Record<string, Example>;
}

/**
 * Every resource's contract. The OpenAPI description, and the Postman collection built from it
 * (scripts/generate-postman.ts), list them in this order; the database's come last, since they drop
 * and restore the data the others read.
 */
export const RESOURCES: ResourceContract[] = [
  tweets,
  aggregates,
  live,
  stream,
  health,
  metrics,
  openApi,
  database,
];

/** Every example that is a real answer on the sample, with the GET that gives it. */
export const SAMPLE_ANSWERS = [
  ...RESOURCES.flatMap((resource) => Object.values(resource.EXAMPLES ?? {})),
  ...Object.values(SHARED_EXAMPLES),
].filter((example): example is Required<Example> => example.request !== undefined);
