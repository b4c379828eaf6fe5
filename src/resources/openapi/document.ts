import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { perCountryResponse, perHourQuery, perHourResponse, perTagResponse } from '../aggregates/schemas';
import { droppedResponse, restoredResponse } from '../database/schemas';
import { listTweetsQuery, topAuthorsQuery, tweetsResponse } from '../tweets/schemas';
import { registerStream } from '../stream/openapi';
import { EXAMPLES } from './examples';
import { collectionProblem, readinessProblem } from './problem';
import {
  jsonResponse,
  problemResponse,
  registerSharedComponents,
  serverError,
  textResponse,
  tooManyFailedAuth,
  unauthorized,
} from './responses';

const INTRODUCTION = `The latest X posts for a fixed set of hashtags, and their aggregates.

**Errors** are \`application/problem+json\` (RFC 9457) everywhere: \`detail\` says what was wrong and, for a 400, which parameter and what it allows; \`instance\` is the request id, also sent as the \`X-Request-Id\` header of every answer. A path not listed here answers 404 (\`#/components/responses/NotFound\`); a method a listed path lacks answers 405 with an \`Allow\` header (\`#/components/responses/MethodNotAllowed\`); HEAD works wherever GET does, except on \`/database\`, where it would run a collection (405).

**Examples** are real answers of the app on its bundled synthetic sample, with lists cut short (the 502 is illustrative).`;

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/** The OpenAPI 3.1 description of every endpoint, from the same zod schemas the routes validate with. */
export function buildOpenApiDocument(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registerSharedComponents(registry);
  registerReads(registry);
  registerAdmin(registry);
  registerStream(registry);
  registerOperations(registry);
  return new OpenApiGeneratorV31(registry.definitions, { unionPreferredType: 'oneOf' }).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'twitter-api',
      version: '1.0.0',
      description: INTRODUCTION,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'posts', description: 'the stored posts' },
      { name: 'aggregates', description: 'counts over every stored post' },
      { name: 'admin', description: 'collection control; needs the admin token' },
      { name: 'stream', description: 'the live X filtered stream: runs and their statistics' },
      { name: 'operations', description: 'health, readiness, metrics and this description' },
    ],
  });
}

function registerReads(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/tweets',
    tags: ['posts'],
    summary: 'Stored posts, newest first; or, with order_by_followers_desc, the authors with most followers',
    description: `One operation, two answers:
- without \`order_by_followers_desc\`: a **TweetsPage**, one entry per post and hashtag it was found under, newest first; page with \`limit\` and \`cursor\`, filter with \`tag\` and \`lang\`.
- with \`order_by_followers_desc=N\` and no other parameter: **TopAuthors**, the N distinct authors with most followers.

The 200 schema is \`oneOf\` the two. Unknown parameters, and \`order_by_followers_desc\` with any other, are a 400.`,
    request: { query: listTweetsQuery.extend(topAuthorsQuery.partial().shape) },
    responses: {
      200: jsonResponse(tweetsResponse, 'a TweetsPage, or TopAuthors with order_by_followers_desc', {
        examples: {
          tweets: { summary: '?limit=2: a page of entries', value: EXAMPLES.tweets },
          authors: { summary: '?order_by_followers_desc=2: the top authors', value: EXAMPLES.authors },
        },
      }),
      400: problemResponse('a parameter is unknown, invalid, or combined with order_by_followers_desc', {
        example: EXAMPLES.badLimit,
      }),
      500: serverError,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/tweets_per_hour',
    tags: ['aggregates'],
    summary: 'Distinct posts by hour of day, in a time zone (24 entries)',
    description: 'Other query parameters are ignored, as in the original API.',
    request: { query: perHourQuery },
    responses: {
      200: jsonResponse(perHourResponse, 'posts per hour of day', { example: EXAMPLES.perHour }),
      400: problemResponse('tz is not a known IANA time zone', { example: EXAMPLES.badZone }),
      500: serverError,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/tweets_per_tag',
    tags: ['aggregates'],
    summary: 'Posts per hashtag and language',
    description:
      'One array per hashtag: the configured ones first, in their order, then any other stored. Query parameters are ignored.',
    responses: {
      200: jsonResponse(perTagResponse, 'one array per hashtag', { example: EXAMPLES.perTag }),
      500: serverError,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/tweets_per_country',
    tags: ['aggregates'],
    summary: 'Distinct posts per country, most first',
    description: 'Query parameters are ignored.',
    responses: {
      200: jsonResponse(perCountryResponse, 'posts per country or location', {
        example: EXAMPLES.perCountry,
      }),
      500: serverError,
    },
  });
}

const methodNotAllowedResponse = { $ref: '#/components/responses/MethodNotAllowed' };

function registerAdmin(registry: OpenAPIRegistry): void {
  const admin = { tags: ['admin'], security: [{ adminToken: [] }] };
  registry.registerPath({
    method: 'get',
    path: '/database',
    ...admin,
    summary: 'Run a collection from the active source (or join the running one) and answer when it ends',
    responses: {
      200: jsonResponse(
        restoredResponse,
        'the run ended and at least one tag completed: new posts per hashtag, the tags that did not complete, and the summary',
        {
          examples: {
            restored: { value: EXAMPLES.restored },
            partlyRestored: { value: EXAMPLES.partlyRestored },
          },
        },
      ),
      401: unauthorized(EXAMPLES.unauthorized),
      429: tooManyFailedAuth(EXAMPLES.tooManyFailedAuth),
      500: serverError,
      502: problemResponse(
        'no tag could be collected, or the run stopped (refused credentials, no access, usage cap: `detail` says what to fix; or shutdown, DELETE /database)',
        {
          schema: collectionProblem,
          example: EXAMPLES.collectionFailed,
        },
      ),
    },
  });
  registry.registerPath({
    method: 'head',
    path: '/database',
    tags: ['admin'],
    summary: 'Not allowed: a HEAD must not run a collection',
    responses: { 405: methodNotAllowedResponse },
  });
  registry.registerPath({
    method: 'delete',
    path: '/database',
    ...admin,
    summary: 'Stop any running collection and remove every post, author and link (the file and schema stay)',
    responses: {
      200: jsonResponse(droppedResponse, 'everything was removed', { example: EXAMPLES.dropped }),
      401: unauthorized(EXAMPLES.unauthorized),
      429: tooManyFailedAuth(EXAMPLES.tooManyFailedAuth),
      500: serverError,
    },
  });
}

function registerOperations(registry: OpenAPIRegistry): void {
  const checks = z.record(z.string(), z.string()).meta({ description: 'each check: ok, or why it failed' });
  const operations = { tags: ['operations'] };
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    ...operations,
    summary: 'Liveness: the process answers',
    responses: {
      200: jsonResponse(z.strictObject({ status: z.literal('ok') }), 'alive', { example: { status: 'ok' } }),
      500: serverError,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    ...operations,
    summary: 'Readiness: the database answers',
    responses: {
      200: jsonResponse(z.strictObject({ status: z.literal('ready'), checks }), 'ready', {
        example: { status: 'ready', checks: { database: 'ok' } },
      }),
      503: problemResponse('a check failed; `checks` says which', { schema: readinessProblem }),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    ...operations,
    summary: 'Prometheus metrics, text exposition format 0.0.4',
    responses: { 200: textResponse('text/plain', z.string(), 'the metrics'), 500: serverError },
  });
  registry.registerPath({
    method: 'get',
    path: '/openapi.json',
    ...operations,
    summary: 'This description (OpenAPI 3.1)',
    responses: {
      200: jsonResponse(
        z.looseObject({ openapi: z.literal('3.1.0'), paths: z.record(z.string(), z.unknown()) }),
        'this document',
      ),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/docs',
    ...operations,
    summary: 'Swagger UI for this description, served by the app itself (no CDN)',
    description: 'Redirects to `/docs/`, the page, whose assets come from the swagger-ui-dist package.',
    responses: {
      301: {
        description: 'to /docs/',
        headers: {
          Location: { description: '/docs/', required: true, schema: { type: 'string', const: '/docs/' } },
        },
      },
    },
  });
}
