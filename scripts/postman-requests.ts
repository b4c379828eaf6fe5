import { SAMPLE_ANSWERS } from '../src/resources';
import { buildOpenApiDocument, type OpenApiDocument } from '../src/resources/openapi/document';
import type { Example } from '../src/resources/openapi/examples';
import { POSTMAN_REQUESTS as aggregates } from './postman/aggregates';
import { POSTMAN_REQUESTS as database } from './postman/database';
import { POSTMAN_REQUESTS as health } from './postman/health';
import { POSTMAN_REQUESTS as live } from './postman/live';
import { POSTMAN_REQUESTS as metrics } from './postman/metrics';
import { POSTMAN_REQUESTS as openApi } from './postman/openapi';
import { problem, type PostmanRequest } from './postman/request';
import { POSTMAN_REQUESTS as stream } from './postman/stream';
import { POSTMAN_REQUESTS as tweets } from './postman/tweets';

export type { PostmanRequest };

/** The requests written with their own checks, in the order they run: the database's last, since they drop and restore the data. */
export const WRITTEN: PostmanRequest[] = [
  ...tweets,
  ...aggregates,
  ...live,
  ...stream,
  ...health,
  ...metrics,
  ...openApi,
  ...database,
];

const operationOf = (method: string, path: string) => `${method} ${path.split('?')[0]}`;

function derivedRequest(answer: Required<Example>, document: OpenApiDocument): PostmanRequest {
  const { status, detail } = answer.value as { status?: unknown; detail?: unknown };
  if (typeof status === 'number' && status >= 400)
    return {
      name: `Error: ${String(detail)}`,
      method: 'GET',
      path: answer.request,
      status,
      checks: [...problem],
    };
  const summary = document.paths?.[answer.request.split('?')[0]!]?.get?.summary;
  return {
    name: summary ?? `GET ${answer.request}`,
    method: 'GET',
    path: answer.request,
    status: 200,
    checks: [],
  };
}

/**
 * A request for each real answer of the contracts whose operation no written request makes, checked
 * for its status, content type, request id and schema: a new endpoint is in the collection with no
 * line written here.
 */
export function derivedRequests(
  written: PostmanRequest[],
  answers: Required<Example>[],
  document = buildOpenApiDocument(),
): PostmanRequest[] {
  const made = new Set(written.map((request) => operationOf(request.method, request.path)));
  return answers
    .filter((answer) => !made.has(operationOf('GET', answer.request)))
    .map((answer) => derivedRequest(answer, document));
}

/** The Postman collection's requests. */
export const REQUESTS: PostmanRequest[] = [...WRITTEN, ...derivedRequests(WRITTEN, SAMPLE_ANSWERS)];
