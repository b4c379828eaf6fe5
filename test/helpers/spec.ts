import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';
import { buildOpenApiDocument } from '../../src/resources/openapi/document';

interface Header {
  required?: boolean;
  $ref?: string;
}
interface Media {
  schema?: object;
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}
export interface SpecResponse {
  headers?: Record<string, Header>;
  content?: Record<string, Media>;
}
export interface SpecParameter {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  schema: object;
}
export interface SpecOperation {
  operationId: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: SpecParameter[];
  requestBody?: { required?: boolean; content: Record<string, Media> };
  responses: Record<string, SpecResponse>;
}
export interface SpecDocument {
  openapi: string;
  paths: Record<string, Record<string, SpecOperation>>;
  components: {
    schemas: Record<string, object>;
    headers: Record<string, Header>;
    responses: Record<string, SpecResponse>;
  };
}

/** The description the app serves, as plain JSON. */
export const spec = JSON.parse(JSON.stringify(buildOpenApiDocument())) as SpecDocument;

/** Every operation of the description, in its order. */
export const specOperations = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ method, path, operation })),
);

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'spec', components: spec.components });
const compiled = new Map<object, ValidateFunction>();

/** A validator for a schema of the description; its component references resolve inside it. */
export function schemaValidator(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(
      JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"spec#/components/')) as object,
    );
    compiled.set(schema, validate);
  }
  return validate;
}

/**
 * Asserts that a response is what the OpenAPI description promises for its method, path and status:
 * a documented status, its required headers, its content type, and a body valid against its schema.
 * A method a documented path lacks must be a 405 problem with Allow, and an undocumented path a 404
 * problem. Method and path default to those of the request (supertest's `.expect(expectMatchesSpec)`).
 */
export function expectMatchesSpec(res: Response, method?: string, path?: string): void {
  const request = (res as unknown as { req: { method: string; path: string } }).req;
  const verb = (method ?? request.method).toLowerCase();
  const where = path ?? new URL(request.path, 'http://x').pathname;
  const type = String(res.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim();
  const label = `${verb.toUpperCase()} ${where} ${res.status}`;
  // Swagger UI's own files come from its package, outside the description.
  if (where.startsWith('/docs/') && res.status === 200) return;
  const operations = spec.paths[where];
  const operation = operations?.[verb === 'head' && !operations.head ? 'get' : verb];
  let response: SpecResponse | undefined;
  if (!operations) response = expectStatus(label, res, 404, spec.components.responses.NotFound!);
  else if (!operation) response = expectStatus(label, res, 405, spec.components.responses.MethodNotAllowed!);
  else response = operation.responses[String(res.status)];
  if (!response) throw new Error(`${label}: the OpenAPI description does not list this status`);
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    const resolved = header.$ref ? spec.components.headers[header.$ref.split('/').pop()!]! : header;
    if (resolved.required && res.headers[name.toLowerCase()] === undefined)
      throw new Error(`${label}: no ${name} header`);
  }
  if (!response.content) return;
  const schema = response.content[type]?.schema;
  if (!schema) throw new Error(`${label}: answered ${type || 'no content type'}, which is not documented`);
  if (verb === 'head' || !type.endsWith('json')) return;
  const validate = schemaValidator(schema);
  if (!validate(res.body))
    throw new Error(`${label} does not match the spec: ${ajv.errorsText(validate.errors)}`);
}

function expectStatus(label: string, res: Response, status: number, response: SpecResponse): SpecResponse {
  if (res.status !== status)
    throw new Error(`${label}: expected ${status}, as for every path or method not in the description`);
  return response;
}
