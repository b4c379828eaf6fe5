import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  databaseBusy,
  jsonResponse,
  problemResponse,
  serverError,
  databaseUnavailable,
  tooManyFailedAuth,
  unauthorized,
} from '../openapi/responses';
import { collectionProblem } from '../openapi/problem';
import { EXAMPLES } from '../openapi/examples';
import { DATABASE_EXAMPLES as OWN } from './examples';
import { droppedResponse, restoredResponse } from './schemas';

/** This resource's paths in the OpenAPI description (src/resources/openapi/document.ts gathers them). */
const methodNotAllowedResponse = { $ref: '#/components/responses/MethodNotAllowed' };

export function registerPaths(registry: OpenAPIRegistry): void {
  const admin = { tags: ['admin'], security: [{ adminToken: [] }] };
  registry.registerPath({
    method: 'get',
    path: '/database',
    operationId: 'runCollection',
    ...admin,
    summary: 'Run a collection from the active source (or join the running one) and answer when it ends',
    responses: {
      200: jsonResponse(
        restoredResponse,
        'the run ended and at least one tag completed: new posts per hashtag, the tags that did not complete, and the summary',
        {
          examples: {
            restored: { value: OWN.restored },
            partlyRestored: { value: OWN.partlyRestored },
          },
        },
      ),
      401: unauthorized(EXAMPLES.unauthorized),
      429: tooManyFailedAuth(EXAMPLES.tooManyFailedAuth),
      500: serverError,
      503: databaseUnavailable,
      502: problemResponse(
        'no tag could be collected, or the run stopped (refused credentials, no access, usage cap: `detail` says what to fix; or shutdown, DELETE /database)',
        {
          schema: collectionProblem,
          example: OWN.collectionFailed,
        },
      ),
      504: collectorTimedOut(),
    },
  });
  registry.registerPath({
    method: 'head',
    path: '/database',
    operationId: 'headDatabase',
    security: [],
    tags: ['admin'],
    summary: 'Not allowed: a HEAD must not run a collection',
    responses: { 405: methodNotAllowedResponse },
  });
  registry.registerPath({
    method: 'delete',
    path: '/database',
    operationId: 'deleteDatabase',
    ...admin,
    summary: 'Stop any running collection and remove every post, author and link (the file and schema stay)',
    responses: {
      200: jsonResponse(droppedResponse, 'everything was removed', { example: OWN.dropped }),
      401: unauthorized(EXAMPLES.unauthorized),
      429: tooManyFailedAuth(EXAMPLES.tooManyFailedAuth),
      500: serverError,
      502: collectorFailed(),
      503: databaseBusy(EXAMPLES.databaseBusy),
      504: collectorTimedOut(),
    },
  });
}

/** Replicas: the collector replica met an error carrying the request out. */
const collectorFailed = () =>
  problemResponse('replicas: the collector replica failed to stop the collection or to delete', {
    example: {
      ...OWN.collectorTimedOut,
      title: 'Bad Gateway',
      status: 502,
      detail:
        'the collector replica failed: the database is busy with another writer (waited 10000 ms); try again shortly',
    },
  });

/** Replicas: this one is not the collector, and the one that is did not answer in time (COLLECTION_REQUEST_WAIT_MS). */
const collectorTimedOut = () =>
  problemResponse(
    'replicas: this replica is not the collector, and the collector replica did not finish within 10 minutes (it goes on)',
    {
      example: OWN.collectorTimedOut,
      headers: {
        'Retry-After': {
          description: 'seconds to wait before asking again',
          required: true,
          schema: { type: 'string' },
        },
      },
    },
  );
