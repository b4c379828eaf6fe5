import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { jsonResponse } from './responses';

/** This resource's paths in the OpenAPI description (src/resources/openapi/document.ts gathers them). */
export function registerPaths(registry: OpenAPIRegistry): void {
  const operations = { tags: ['operations'] };
  registry.registerPath({
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    security: [],
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
    operationId: 'getDocs',
    security: [],
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
