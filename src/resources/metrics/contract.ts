import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { serverError, textResponse } from '../openapi/responses';

/** This resource's paths in the OpenAPI description (src/resources/openapi/document.ts gathers them). */
export function registerPaths(registry: OpenAPIRegistry): void {
  const operations = { tags: ['operations'] };
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    security: [],
    ...operations,
    summary: 'Prometheus metrics, text exposition format 0.0.4',
    responses: { 200: textResponse('text/plain', z.string(), 'the metrics'), 500: serverError },
  });
}
