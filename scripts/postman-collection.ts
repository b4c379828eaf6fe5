import { buildOpenApiDocument } from '../src/resources/openapi/document';
import type { PostmanRequest } from './postman-requests';

/** A real answer, saved with its request as the Postman example. */
export interface SavedAnswer {
  code: number;
  status: string;
  contentType: string;
  body: string;
}

type Json = { [key: string]: unknown };
interface SpecResponse {
  content?: Record<string, { schema?: Json }>;
}
const spec = buildOpenApiDocument() as unknown as {
  paths: Record<string, Record<string, { responses: Record<string, SpecResponse> }>>;
  components: { schemas: Record<string, Json>; responses: Record<string, SpecResponse> };
};

export const BAD_TOKEN = 'not-the-admin-token';

/** The response the OpenAPI description gives for a request's method, path and expected status. */
function describedResponse(request: PostmanRequest): SpecResponse | undefined {
  const operations = spec.paths[request.path.split('?')[0]!];
  if (!operations) return spec.components.responses.NotFound;
  const operation = operations[request.method.toLowerCase()];
  if (!operation) return spec.components.responses.MethodNotAllowed;
  return operation.responses[String(request.status)];
}

/** The schema with every component reference replaced by the component: Postman's validator has no document to resolve them in. */
function inlined(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(inlined);
  if (schema === null || typeof schema !== 'object') return schema;
  const { $ref, ...rest } = schema as Json;
  if (typeof $ref === 'string')
    return inlined(spec.components.schemas[$ref.replace('#/components/schemas/', '')]);
  return Object.fromEntries(
    Object.entries(rest)
      .filter(([key]) => key !== 'example')
      .map(([key, value]) => [key, inlined(value)]),
  );
}

export function contentTypeOf(request: PostmanRequest): string {
  return request.type ?? (request.status >= 400 ? 'application/problem+json' : 'application/json');
}

/** The test script: status, content type, request id, the body against the OpenAPI schema, then the request's own checks. */
export function testScript(request: PostmanRequest): string[] {
  const type = contentTypeOf(request);
  const schema = describedResponse(request)?.content?.[type]?.schema;
  const exec = [
    `pm.test('status is ${request.status}', () => pm.response.to.have.status(${request.status}));`,
    `pm.test('content type is ${type}', () => pm.expect(pm.response.headers.get('Content-Type')).to.match(/^${type.replace(/[/+]/g, '\\$&')}/));`,
    "pm.test('has a request id', () => pm.expect(pm.response.headers.get('X-Request-Id')).to.be.a('string').and.not.be.empty);",
  ];
  if (schema && type.endsWith('json')) {
    exec.push(
      `pm.test('body matches the OpenAPI schema', () => pm.response.to.have.jsonSchema(${JSON.stringify(inlined(schema))}));`,
    );
  }
  return [...exec, ...request.checks];
}

function urlOf(path: string) {
  const [pathname, query] = path.split('?') as [string, string | undefined];
  return {
    raw: `{{baseUrl}}${path}`,
    host: ['{{baseUrl}}'],
    path: pathname.split('/').filter(Boolean),
    ...(query && {
      query: query.split('&').map((pair) => {
        const [key, ...value] = pair.split('=');
        return { key, value: value.join('=') };
      }),
    }),
  };
}

function headersOf(request: PostmanRequest) {
  const json = request.body === undefined ? [] : [{ key: 'Content-Type', value: 'application/json' }];
  if (request.auth === 'admin') return [{ key: 'Authorization', value: 'Bearer {{adminToken}}' }, ...json];
  if (request.auth === 'wrong') return [{ key: 'Authorization', value: `Bearer ${BAD_TOKEN}` }, ...json];
  return json;
}

const bodyOf = (request: PostmanRequest) =>
  request.body === undefined
    ? {}
    : { body: { mode: 'raw', raw: JSON.stringify(request.body), options: { raw: { language: 'json' } } } };

export function postmanItem(request: PostmanRequest, answer?: SavedAnswer) {
  const header = headersOf(request);
  const url = urlOf(request.path);
  return {
    name: request.name,
    event: [{ listen: 'test', script: { type: 'text/javascript', exec: testScript(request) } }],
    request: {
      method: request.method,
      header,
      url,
      ...bodyOf(request),
      ...(request.description && { description: request.description }),
    },
    response: answer
      ? [
          {
            name: `${answer.code} on the bundled sample`,
            originalRequest: { method: request.method, header, url, ...bodyOf(request) },
            status: answer.status,
            code: answer.code,
            _postman_previewlanguage: answer.contentType.includes('json')
              ? 'json'
              : answer.contentType.includes('html')
                ? 'html'
                : 'text',
            header: [{ key: 'Content-Type', value: answer.contentType }],
            body: answer.body,
          },
        ]
      : [],
  };
}

export function postmanCollection(items: ReturnType<typeof postmanItem>[]) {
  return {
    info: {
      name: 'twitter-api',
      description:
        "Every endpoint of twitter-api and its notable errors. Each request tests its status, content type, request id and body (against the schema of the OpenAPI description at /openapi.json), plus what it is about. Set `baseUrl` and `adminToken`; run the folder in order (later requests use what earlier ones saved). The saved examples are real answers of the app on its bundled synthetic sample (TWEET_SOURCE=sample). Generated by `npm run postman:generate` from each resource's contract (src/resources/*/contract.ts) and the requests written in scripts/postman/.",
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    variable: [
      { key: 'baseUrl', value: 'http://localhost:5000' },
      { key: 'adminToken', value: 'change-me-to-the-ADMIN_TOKEN-of-the-server' },
      { key: 'nextCursor', value: '' },
      { key: 'lastOfFirstPage', value: '' },
      { key: 'postsUtc', value: '' },
    ],
    item: items,
  };
}
