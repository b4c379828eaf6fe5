import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';
import { buildOpenApiDocument } from '../../src/resources/openapi/document';

type Media = Record<string, { schema?: object }>;
type Operation = { responses: Record<string, { content?: Media }> };
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

export const spec = buildOpenApiDocument() as Document;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'spec', components: spec.components });

function compile(schema: object) {
  // Component references resolve inside the registered document.
  const rewritten = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"spec#/components/')) as object;
  return ajv.compile(rewritten);
}

/**
 * Asserts that a response is what the OpenAPI description promises for its method, path and status:
 * a documented status, its content type, and a body that validates against its schema. Unknown paths
 * must be 404 problems.
 */
export function expectMatchesSpec(res: Response): void {
  const request = (res as unknown as { req: { method: string; path: string } }).req;
  const method = request.method.toLowerCase();
  const path = new URL(request.path, 'http://x').pathname;
  const type = String(res.headers['content-type'] ?? '').split(';')[0]!;
  // Swagger UI's own files are served from its package, outside the description.
  if (path.startsWith('/docs/') && res.status === 200) return;
  const documented = spec.paths[path];
  if (!documented) {
    expectProblem(res, type);
    return;
  }
  const operation = documented[method === 'head' ? 'get' : method];
  if (!operation) {
    expect(res.status).toBe(405);
    expectProblem(res, type);
    return;
  }
  const response = operation.responses[String(res.status)];
  if (!response) throw new Error(`${method.toUpperCase()} ${path} answered ${res.status}, which the OpenAPI description does not list`);
  if (!response.content) return;
  const schema = response.content[type]?.schema;
  if (!schema) throw new Error(`${method.toUpperCase()} ${path} ${res.status} answered ${type}, not documented`);
  if (method === 'head' || !type.endsWith('json')) return;
  const validate = compile(schema);
  if (!validate(res.body)) {
    throw new Error(`${method.toUpperCase()} ${path} ${res.status} does not match the spec: ${ajv.errorsText(validate.errors)}`);
  }
}

function expectProblem(res: Response, type: string): void {
  expect(type).toBe('application/problem+json');
  const validate = compile(spec.components.schemas.Problem!);
  if (!validate(res.body)) throw new Error(`not a problem: ${ajv.errorsText(validate.errors)}`);
}
