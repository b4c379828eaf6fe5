import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { answerTo } from '../openapi/examples';
import { jsonResponse, problemResponse, serverError } from '../openapi/responses';
import { problem } from '../openapi/problem';

const readinessProblem = problem
  .extend({
    checks: z.record(z.string(), z.string()).meta({ description: 'each check: ok, or why it failed' }),
  })
  .meta({ id: 'ReadinessProblem', description: 'a problem with the state of each readiness check' });

export const EXAMPLES = {
  alive: answerTo('/healthz', { status: 'ok' }),
  ready: answerTo('/readyz', { status: 'ready', checks: { database: 'ok' } }),
};

/** This resource's paths in the OpenAPI description (src/resources/openapi/document.ts gathers them). */
export function registerPaths(registry: OpenAPIRegistry): void {
  const checks = z.record(z.string(), z.string()).meta({ description: 'each check: ok, or why it failed' });
  const operations = { tags: ['operations'] };
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    operationId: 'getLiveness',
    security: [],
    ...operations,
    summary: 'Liveness: the process answers',
    responses: {
      200: jsonResponse(z.strictObject({ status: z.literal('ok') }), 'alive', { example: EXAMPLES.alive }),
      500: serverError,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    operationId: 'getReadiness',
    security: [],
    ...operations,
    summary: 'Readiness: the database answers',
    responses: {
      200: jsonResponse(z.strictObject({ status: z.literal('ready'), checks }), 'ready', {
        example: EXAMPLES.ready,
      }),
      503: problemResponse('a check failed; `checks` says which', { schema: readinessProblem }),
    },
  });
}
