import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { perCountryResponse, perHourQuery, perHourResponse, perTagResponse } from '../aggregates/schemas';
import { droppedResponse, restoredResponse, runSummary } from '../database/schemas';
import { listTweetsQuery, topAuthorsQuery, topAuthorsResponse, tweetsPage } from '../tweets/schemas';
import { EXAMPLES } from './examples';
import { problem } from './problem';

const json = (schema: z.ZodType, description: string, example?: unknown): ResponseConfig => ({
  description,
  content: { 'application/json': { schema, ...(example !== undefined && { example }) } },
});
const problemOf = (description: string, schema: z.ZodType = problem): ResponseConfig => ({
  description,
  content: { 'application/problem+json': { schema } },
});
const errors = {
  400: problemOf('a query value is invalid; `detail` names the parameter and what is allowed'),
  405: problemOf('the method is not allowed here; see the Allow header'),
  500: problemOf('the server failed; details are in its logs, not here'),
};

/** The OpenAPI 3.1 description of every endpoint, built once from the schemas the routes use. */
export function buildOpenApiDocument(): object {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'ADMIN_TOKEN from the configuration',
  });

  registry.registerPath({
    method: 'get',
    path: '/tweets',
    summary: 'Stored posts, newest first; or, with order_by_followers_desc, the authors with most followers',
    description:
      'One entry per post and tag it was found under. With `order_by_followers_desc=N` (alone) the answer is instead `{"authors": [...]}`: the N distinct authors with most followers.',
    request: { query: listTweetsQuery.extend(topAuthorsQuery.partial().shape) },
    responses: {
      200: {
        description: 'a page of entries, or the top authors',
        content: {
          'application/json': {
            schema: z.union([tweetsPage, topAuthorsResponse]),
            examples: {
              tweets: { value: EXAMPLES.tweets },
              authors: { summary: '?order_by_followers_desc=2', value: EXAMPLES.authors },
            },
          },
        },
      },
      ...errors,
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/tweets_per_hour',
    summary: 'Distinct posts by hour of day (24 entries)',
    request: { query: perHourQuery },
    responses: { 200: json(perHourResponse, 'posts per hour', EXAMPLES.perHour), ...errors },
  });
  registry.registerPath({
    method: 'get',
    path: '/tweets_per_tag',
    summary: 'Posts per tag and language',
    responses: { 200: json(perTagResponse, 'one array per tag', EXAMPLES.perTag), 405: errors[405], 500: errors[500] },
  });
  registry.registerPath({
    method: 'get',
    path: '/tweets_per_country',
    summary: 'Distinct posts per country, most first',
    responses: { 200: json(perCountryResponse, 'posts per country', EXAMPLES.perCountry), 405: errors[405], 500: errors[500] },
  });

  const admin = {
    security: [{ adminToken: [] }],
  };
  const collectionProblem = problem.extend({ summary: runSummary }).meta({ id: 'CollectionProblem' });
  registry.registerPath({
    method: 'get',
    path: '/database',
    summary: 'Run a collection from the active source (or join the running one) and answer when it ends',
    ...admin,
    responses: {
      200: json(restoredResponse, 'the collection ended; per-tag counts and the summary', EXAMPLES.restored),
      401: problemOf('missing or wrong admin token'),
      502: problemOf('the run stopped (bad credentials, no access, usage cap); `detail` says what to fix', collectionProblem),
      405: errors[405],
      500: errors[500],
    },
  });
  registry.registerPath({
    method: 'delete',
    path: '/database',
    summary: 'Remove every post, author and link (the file and schema stay)',
    ...admin,
    responses: { 200: json(droppedResponse, 'dropped', { message: 'database has been dropped' }), 401: problemOf('missing or wrong admin token'), 500: errors[500] },
  });

  registry.registerPath({
    method: 'get',
    path: '/healthz',
    summary: 'The process is alive',
    responses: { 200: json(z.object({ status: z.literal('ok') }), 'alive', { status: 'ok' }) },
  });
  const readiness = problem.extend({ checks: z.record(z.string(), z.string()) }).meta({ id: 'ReadinessProblem' });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    summary: 'The database answers',
    responses: {
      200: json(z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.string()) }), 'ready', { status: 'ready', checks: { database: 'ok' } }),
      503: problemOf('a check failed; `checks` says which', readiness),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics (text exposition format)',
    responses: { 200: { description: 'metrics', content: { 'text/plain': { schema: z.string() } } } },
  });
  registry.registerPath({
    method: 'get',
    path: '/openapi.json',
    summary: 'This description',
    responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: z.object({}).passthrough() } } } },
  });
  registry.registerPath({
    method: 'get',
    path: '/docs',
    summary: 'Swagger UI for this description (redirects to /docs/, which serves the page)',
    responses: { 301: { description: 'Location: /docs/' } },
  });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'twitter-api',
      version: '1.0.0',
      description:
        'Latest X posts for a fixed set of hashtags, and their aggregates. Every error is application/problem+json. Examples come from the bundled synthetic sample.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
  });
}
