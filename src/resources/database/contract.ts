import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { RunSummary } from '../../collector/summary';
import { exampleOf, problemOf, SHARED_EXAMPLES } from '../openapi/examples';
import { problem } from '../openapi/problem';
import {
  databaseBusy,
  databaseUnavailable,
  jsonResponse,
  problemResponse,
  serverError,
  tooManyFailedAuth,
  unauthorized,
} from '../openapi/responses';
import type { Expect, Same } from '../schemas';
import type { RestoreAnswer } from './restore-answer';

/** `/database`'s contract: its answers' schemas, their examples, its OpenAPI paths. */
const tagSummary = z.strictObject({
  tag: z.string(),
  status: z.enum(['ok', 'rate_limited', 'failed', 'cancelled']),
  returned: z.number().int().meta({ description: "posts the tag's query returned in this run" }),
  new_posts: z.number().int(),
  pages: z.number().int(),
  incomplete: z.boolean().meta({
    description:
      "a range of the tag's posts is still unfetched (a run was interrupted); the next runs fetch it first",
  }),
  error: z.string().nullable(),
});

export const runSummary = z
  .strictObject({
    run_id: z.string(),
    trigger: z.enum(['first-start', 'request', 'schedule', 'cli']),
    source: z.enum(['x-api', 'sample']),
    outcome: z.enum(['success', 'partial', 'failed']),
    started_at: z.iso.datetime(),
    finished_at: z.iso.datetime(),
    duration_ms: z.number().int(),
    error: z.string().nullable().meta({
      description: 'why the whole run stopped: what to fix, or that it was stopped (shutdown, DELETE)',
    }),
    tags: z.array(tagSummary),
  })
  .meta({ id: 'RunSummary' });

const collectionProblem = problem
  .extend({ summary: runSummary })
  .meta({ id: 'CollectionProblem', description: 'a problem with the summary of the run that stopped' });

export const restoredResponse = z
  .strictObject({
    message: z.string().meta({
      description:
        '"database has been restored" when every tag completed; else "database has been partly restored; …" naming the tags that did not',
    }),
    failed_tags: z
      .array(z.string())
      .meta({ description: 'tags that did not complete: failed, rate limited, or left with a hole' }),
    collected: z.record(z.string(), z.number().int()).meta({ description: 'new posts per tag' }),
    summary: runSummary,
  })
  .meta({ id: 'Restored' });

export const droppedResponse = z
  .strictObject({ message: z.literal('database has been dropped') })
  .meta({ id: 'Dropped' });

export type RunSummaryIsTheCollectors = Expect<Same<z.output<typeof runSummary>, RunSummary>>;
export type RestoredIsTheAnswer = Expect<Same<z.output<typeof restoredResponse>, RestoreAnswer>>;

const firstRun = {
  run_id: '3140d5d8-621a-4aaf-a60b-e6e67aff8525',
  trigger: 'request',
  source: 'sample',
  outcome: 'success',
  started_at: '2026-11-25T05:00:45.520Z',
  finished_at: '2026-11-25T05:00:45.606Z',
  duration_ms: 86,
  error: null,
  tags: [
    {
      tag: '#openbanking',
      status: 'ok',
      returned: 100,
      new_posts: 100,
      pages: 1,
      incomplete: false,
      error: null,
    },
    {
      tag: '#remediation',
      status: 'ok',
      returned: 100,
      new_posts: 96,
      pages: 1,
      incomplete: false,
      error: null,
    },
  ],
};

const refusedCredentials =
  'the X API rejected the credentials (401 Unauthorized): check TWITTER_BEARER_TOKEN, or TWITTER_CONSUMER_KEY and TWITTER_CONSUMER_SECRET';

/** The first collection of the sample, and the drop: test/contract/openapi-examples.test.ts makes both. */
export const EXAMPLES = {
  restored: exampleOf({
    message: 'database has been restored',
    failed_tags: [],
    collected: { '#openbanking': 100, '#remediation': 96 },
    summary: firstRun,
  }),
  dropped: exampleOf({ message: 'database has been dropped' }),
};

const COLLECTOR_TIMED_OUT = problemOf(
  504,
  'Gateway Timeout',
  'the collector replica did not finish within 600 s; it goes on',
  '0b6f2a4c-3d1e-4c8f-9a7b-2e5d8c1f4a36',
);

const OWN = {
  partlyRestored: exampleOf({
    message: 'database has been partly restored; 1 of 2 tags did not complete: #remediation (failed)',
    failed_tags: ['#remediation'],
    collected: { '#openbanking': 100, '#remediation': 0 },
    summary: {
      ...firstRun,
      source: 'x-api',
      outcome: 'partial',
      tags: [
        firstRun.tags[0],
        {
          tag: '#remediation',
          status: 'failed',
          returned: 0,
          new_posts: 0,
          pages: 0,
          incomplete: false,
          error: 'the X API answered 503 Service Unavailable (page 1, attempt 4 of 4)',
        },
      ],
    },
  }),
  collectionFailed: exampleOf({
    ...problemOf(502, 'Bad Gateway', refusedCredentials, '5d0f3c1e-8a4b-4f5e-b0a2-7f9c6e3d2a10'),
    summary: {
      ...firstRun,
      source: 'x-api',
      outcome: 'failed',
      duration_ms: 212,
      error: refusedCredentials,
      tags: [
        {
          tag: '#openbanking',
          status: 'failed',
          returned: 0,
          new_posts: 0,
          pages: 0,
          incomplete: false,
          error: refusedCredentials,
        },
      ],
    },
  }),
};

const methodNotAllowedResponse = { $ref: '#/components/responses/MethodNotAllowed' };

/** This resource's paths in the OpenAPI description (src/resources/openapi/document.ts gathers them). */
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
            restored: EXAMPLES.restored,
            partlyRestored: OWN.partlyRestored,
          },
        },
      ),
      401: unauthorized(SHARED_EXAMPLES.unauthorized),
      429: tooManyFailedAuth(SHARED_EXAMPLES.tooManyFailedAuth),
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
      200: jsonResponse(droppedResponse, 'everything was removed', { example: EXAMPLES.dropped }),
      401: unauthorized(SHARED_EXAMPLES.unauthorized),
      429: tooManyFailedAuth(SHARED_EXAMPLES.tooManyFailedAuth),
      500: serverError,
      502: collectorFailed(),
      503: databaseBusy(SHARED_EXAMPLES.databaseBusy),
      504: collectorTimedOut(),
    },
  });
}

/** Replicas: the collector replica met an error carrying the request out. */
const collectorFailed = () =>
  problemResponse('replicas: the collector replica failed to stop the collection or to delete', {
    example: exampleOf({
      ...COLLECTOR_TIMED_OUT,
      title: 'Bad Gateway',
      status: 502,
      detail:
        'the collector replica failed: the database is busy with another writer (waited 10000 ms); try again shortly',
    }),
  });

/** Replicas: this one is not the collector, and the one that is did not answer in time (COLLECTION_REQUEST_WAIT_MS). */
const collectorTimedOut = () =>
  problemResponse(
    'replicas: this replica is not the collector, and the collector replica did not finish within 10 minutes (it goes on)',
    {
      example: exampleOf(COLLECTOR_TIMED_OUT),
      headers: {
        'Retry-After': {
          description: 'seconds to wait before asking again',
          required: true,
          schema: { type: 'string' },
        },
      },
    },
  );
