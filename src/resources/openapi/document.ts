import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { RESOURCES } from '../index';
import { withBarePatterns } from './patterns';
import { registerSharedComponents } from './responses';

const INTRODUCTION = `The latest X posts for a fixed set of hashtags, and their aggregates.

**Errors** are \`application/problem+json\` (RFC 9457) everywhere: \`detail\` says what was wrong and, for a 400, which parameter and what it allows; \`instance\` is the request id, also sent as the \`X-Request-Id\` header of every answer. A path not listed here answers 404 (\`#/components/responses/NotFound\`); a method a listed path lacks answers 405 with an \`Allow\` header (\`#/components/responses/MethodNotAllowed\`); HEAD works wherever GET does, except on \`/database\`, where it would run a collection (405). A request the HTTP parser cannot read gets, on any path, 400 (malformed), 408 (sent too slowly), 413 (oversized chunk extensions) or 431 (headers too large), as problem+json.

**Examples** are real answers of the app on its bundled synthetic sample, with lists cut short (the 502 is illustrative).`;

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/** The OpenAPI 3.1 description of every endpoint, from the same zod schemas the routes validate with. */
export function buildOpenApiDocument(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registerSharedComponents(registry);
  for (const resource of RESOURCES) resource.registerPaths(registry);
  const generator = new OpenApiGeneratorV31(registry.definitions, { unionPreferredType: 'oneOf' });
  return withBarePatterns(
    generator.generateDocument({
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
        { name: 'stream', description: 'the live X filtered stream: runs and their statistics' },
        { name: 'admin', description: 'collection control; needs the admin token' },
        { name: 'operations', description: 'health, readiness, metrics and this description' },
      ],
    }),
  );
}
