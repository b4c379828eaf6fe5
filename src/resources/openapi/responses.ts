import type { OpenAPIRegistry, ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { PROBLEM_CONTENT_TYPE } from '../../errors';
import { exampleOf, problemOf, type Example } from './examples';
import { problem } from './problem';

type Headers = NonNullable<Extract<ResponseConfig['headers'], { [name: string]: unknown }>>;

const requestId = { $ref: '#/components/headers/X-Request-Id' };
const problemRef = { $ref: '#/components/schemas/Problem' };

/** Every answer, errors included, carries the request id that the logs and `instance` use. */
export function registerSharedComponents(registry: OpenAPIRegistry): void {
  registry.registerComponent('headers', 'X-Request-Id', {
    description:
      'the request id: the one sent, if sane, else a new one; every log line of the request carries it',
    required: true,
    schema: { type: 'string' },
  });
  registry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'ADMIN_TOKEN from the configuration (at least 16 characters)',
  });
  // Answers of no single operation: referenced from the description's introduction.
  registry.registerComponent('responses', 'NotFound', {
    description: 'no resource at this path',
    headers: { 'X-Request-Id': requestId },
    content: { [PROBLEM_CONTENT_TYPE]: { schema: problemRef } },
  });
  registry.registerComponent('responses', 'MethodNotAllowed', {
    description: 'a method this path does not have; the Allow header lists those it has',
    headers: {
      'X-Request-Id': requestId,
      Allow: {
        description: 'the methods of this path, e.g. GET, HEAD',
        required: true,
        schema: { type: 'string' },
      },
    },
    content: { [PROBLEM_CONTENT_TYPE]: { schema: problemRef } },
  });
}

interface Examples {
  example?: Example;
  examples?: Record<string, Example & { summary?: string }>;
}

/** The examples as the description shows them: values, without the requests that give them. */
function shown({ example, examples }: Examples) {
  return {
    ...(example && { example: example.value }),
    ...(examples && {
      examples: Object.fromEntries(
        Object.entries(examples).map(([name, { summary, value }]) => [
          name,
          { ...(summary !== undefined && { summary }), value },
        ]),
      ),
    }),
  };
}

function answer(
  type: string,
  schema: z.ZodType,
  description: string,
  options: Examples & { headers?: Headers },
): ResponseConfig {
  return {
    description,
    headers: { 'X-Request-Id': requestId, ...options.headers },
    content: { [type]: { schema, ...shown(options) } },
  };
}

export const jsonResponse = (schema: z.ZodType, description: string, options: Examples = {}) =>
  answer('application/json', schema, description, options);

export const textResponse = (type: string, schema: z.ZodType, description: string) =>
  answer(type, schema, description, {});

export const problemResponse = (
  description: string,
  options: Examples & { schema?: z.ZodType; headers?: Headers } = {},
) => answer(PROBLEM_CONTENT_TYPE, options.schema ?? problem, description, options);

const etag = {
  description: 'a strong tag of this body: send it back in If-None-Match to get 304 while it is unchanged',
  required: true,
  schema: { type: 'string' as const },
};

/** A read answer from the read cache: a strong ETag, and 304 to a matching If-None-Match. */
export const cachedJsonResponse = (schema: z.ZodType, description: string, options: Examples = {}) => ({
  ...jsonResponse(schema, description, options),
  headers: { 'X-Request-Id': requestId, ETag: etag },
});

export const notModified: ResponseConfig = {
  description: 'If-None-Match names the current ETag: the answer has not changed, and has no body',
  headers: { 'X-Request-Id': requestId, ETag: etag },
};

export const databaseBusy = (example: Example) =>
  problemResponse(
    'another process (such as `npm run collect`) held the write lock for longer than DATABASE_BUSY_RETRY_MS',
    {
      example,
      headers: {
        'Retry-After': {
          description: 'seconds to wait before trying again',
          required: true,
          schema: { type: 'string' },
        },
      },
    },
  );

const retryAfter = {
  'Retry-After': {
    description: 'seconds to wait before trying again',
    required: true,
    schema: { type: 'string' as const },
  },
};

/** Any answer that reads the database: PostgreSQL (DATABASE_URL) could not be reached. */
export const databaseUnavailable = problemResponse(
  'the database could not be reached (PostgreSQL down or the network cut); nothing was lost, try again',
  {
    example: exampleOf(
      problemOf(
        503,
        'Service Unavailable',
        'the database is unreachable; try again shortly',
        '0b7e6f3a-4c2d-4e1f-9a8b-7c6d5e4f3a2b',
      ),
    ),
    headers: retryAfter,
  },
);

export const serverError = problemResponse(
  'the server failed; the cause is in its logs, never in the answer',
);

export const unauthorized = (example: Example) =>
  problemResponse('no admin token, or a wrong one', {
    example,
    headers: {
      'WWW-Authenticate': {
        description: 'Bearer realm="twitter-api"',
        required: true,
        schema: { type: 'string' },
      },
    },
  });

export const tooManyFailedAuth = (example: Example) =>
  problemResponse(
    'this client address failed to authenticate ADMIN_MAX_FAILED_AUTH times in 15 minutes: its admin requests are refused, the right token included, until the window ends',
    {
      example,
      headers: {
        'Retry-After': {
          description: 'seconds until this client may try again',
          required: true,
          schema: { type: 'string' },
        },
      },
    },
  );

/** `If-None-Match` on the cached reads. */
export const conditional = z.object({
  'if-none-match': z
    .string()
    .optional()
    .meta({ description: 'the ETag of an answer received before: 304 without a body while it is unchanged' }),
});

/** A GET anyone may make, answered from the read cache: 200 with its ETag, 304, and the errors of every read. */
export function cachedRead(operation: {
  path: string;
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  query?: z.ZodObject;
  ok: ResponseConfig;
  badRequest?: ResponseConfig;
}): RouteConfig {
  const { path, operationId, query, ok, badRequest, ...described } = operation;
  return {
    method: 'get',
    path,
    operationId,
    security: [],
    ...described,
    request: { ...(query && { query }), headers: conditional },
    responses: {
      200: ok,
      ...(badRequest && { 400: badRequest }),
      304: notModified,
      500: serverError,
      503: databaseUnavailable,
    },
  };
}
