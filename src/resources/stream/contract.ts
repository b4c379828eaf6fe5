import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { MAX_TERM_LENGTH, MAX_TERMS, TERM_PATTERN } from '../../stream/control';
import { exampleOf, problemOf, SHARED_EXAMPLES } from '../openapi/examples';
import { problem } from '../openapi/problem';
import {
  databaseUnavailable,
  jsonResponse,
  problemResponse,
  serverError,
  tooManyFailedAuth,
  unauthorized,
} from '../openapi/responses';

/** The stream's contract: the launch body, the answers' schemas, their examples, the OpenAPI paths. */
const term = z
  .string()
  .trim()
  .min(1, 'a term must not be empty')
  .max(MAX_TERM_LENGTH, `a term is at most ${MAX_TERM_LENGTH} characters (X's rule length)`)
  .regex(TERM_PATTERN, 'each term is a word, a #hashtag, or a "quoted phrase" of words')
  .meta({
    example: '#devops',
    description:
      'spelt as tags are: NFC, letters with their combining marks, lower case independent of the locale (`#İstanbul` is `#istanbul`)',
  });

export const launchBody = z
  .strictObject({
    track: z
      .array(term)
      .min(1, 'at least one term')
      .max(MAX_TERMS, `at most ${MAX_TERMS} terms`)
      .meta({ description: 'the terms to follow; each becomes a filtered-stream rule tagged with the term' }),
  })
  .meta({ id: 'LaunchRequest' });

export const launchedResponse = z
  .strictObject({
    process_started: z.literal(true),
    run_id: z.string(),
    replaced: z.boolean().meta({ description: 'true when a running run was given the new terms' }),
    track: z.array(z.string()),
  })
  .meta({ id: 'Launched' });

const run = z.strictObject({
  id: z.string(),
  track: z.array(z.string()),
  started_at: z.iso.datetime(),
  ended_at: z.iso.datetime().nullable(),
  elapsed_time: z.number().int().meta({ description: 'whole seconds from start to end (or to now)' }),
  amount: z.number().int().meta({ description: 'posts received' }),
  stored: z.number().int().meta({ description: 'posts not stored before' }),
  duplicates: z.number().int().meta({ description: 'posts received that were stored already' }),
  lost: z.number().int().meta({
    description:
      'posts received and not stored: their write failed for good (the database refused them for another reason than being unavailable or busy, or the run ended while it was down)',
  }),
  reconnects: z.number().int(),
  end_reason: z.string().nullable().meta({
    description:
      'stopped, shutdown (one process alone; replicas hand the run over instead), unauthorized, forbidden, rules_refused, or crashed (closed at the next start)',
  }),
});

const currentRun = run.extend({
  malformed: z.number().int().meta({ description: 'lines that were not a post or a known message' }),
  reconnects_by_reason: z.record(z.string(), z.number().int()),
  connected: z.boolean(),
});

export const stoppedResponse = z
  .strictObject({ process_stopped: z.literal(true), run_id: z.string(), run: currentRun })
  .meta({ id: 'Stopped' });

export const statisticsResponse = z
  .strictObject({
    amount: z.number().int().meta({ description: 'posts received in all runs' }),
    speed: z.number().meta({ description: 'amount / elapsed_time (0 while elapsed_time is 0)' }),
    elapsed_time: z.number().int().meta({ description: 'whole seconds of all runs together' }),
    current: currentRun.nullable(),
    runs: z.array(run).max(20).meta({ description: 'the last 20 runs, newest first' }),
  })
  .meta({ id: 'StreamStatistics' });

export type WireRun = z.infer<typeof run>;
export type WireCurrentRun = z.infer<typeof currentRun>;

export const launchProblem = problem
  .extend({
    refused: z
      .array(z.strictObject({ term: z.string(), reason: z.string().meta({ description: "X's reason" }) }))
      .optional()
      .meta({ description: 'the terms whose rule X refused: no run was started or changed, no rule left' }),
  })
  .meta({ id: 'LaunchProblem', description: 'a problem, with the terms X refused when it refused rules' });

const RUN_ID = '4c6f1e2a-9b1d-4e55-8a51-2f0c7d9e3b10';
const started = '2026-11-29T18:00:00.000Z';
const PROBLEM_ID = '0b7c2f52-3a57-4f0e-9d4b-6a1f1f7d2c11';

const STREAM_EXAMPLES = {
  launched: exampleOf({
    process_started: true,
    run_id: RUN_ID,
    replaced: false,
    track: ['bieber', '#devops'],
  }),
  badTrack: exampleOf(problemOf(400, 'Bad Request', 'track: at least one term', PROBLEM_ID)),
  refused: exampleOf({
    ...problemOf(
      400,
      'Bad Request',
      "X refused the rule of: #bad (UnprocessableEntity: Reference to invalid field '#bad'); no run started or changed",
      PROBLEM_ID,
    ),
    refused: [{ term: '#bad', reason: "UnprocessableEntity: Reference to invalid field '#bad'" }],
  }),
  notRunning: exampleOf(
    problemOf(409, 'Conflict', 'no stream run is active; POST /launch starts one', PROBLEM_ID),
  ),
  statistics: exampleOf({
    amount: 10,
    speed: 0.3448275862068966,
    elapsed_time: 29,
    current: null,
    runs: [
      {
        id: RUN_ID,
        track: ['bieber'],
        started_at: started,
        ended_at: '2026-11-29T18:00:29.120Z',
        elapsed_time: 29,
        amount: 10,
        stored: 9,
        duplicates: 1,
        lost: 0,
        reconnects: 0,
        end_reason: 'stopped',
      },
    ],
  }),
};

const launchErrors = {
  400: problemResponse(
    'the body is not JSON, or `track` is missing, empty, too long or has a bad term; or X refused the rules of some terms (`refused`: each term and its reason; nothing started or changed)',
    {
      schema: launchProblem,
      examples: {
        badTrack: { summary: 'a bad body', ...STREAM_EXAMPLES.badTrack },
        refused: { summary: 'rules X refused', ...STREAM_EXAMPLES.refused },
      },
    },
  ),
  409: problemResponse(
    'a process that does not serve the deployment (`npm run stream`) was asked while a run is live on the server',
  ),
};

/** POST /launch, POST /stop and GET /statistics. */
export function registerPaths(registry: OpenAPIRegistry): void {
  const admin = { tags: ['stream'], security: [{ adminToken: [] }] };
  const adminErrors = {
    401: unauthorized(SHARED_EXAMPLES.unauthorized),
    429: tooManyFailedAuth(SHARED_EXAMPLES.tooManyFailedAuth),
    500: serverError,
  };
  registry.registerPath({
    method: 'post',
    path: '/launch',
    operationId: 'launchStream',
    ...admin,
    summary: 'Follow the X filtered stream for these terms: start a run, or give the running one these terms',
    description:
      'The run belongs to the deployment: on any replica, /launch starts the one run or gives it these terms, and the collector lease holder holds its connection. Launch, replace and stop go one at a time.',
    request: { body: { content: { 'application/json': { schema: launchBody } }, required: true } },
    responses: {
      200: jsonResponse(launchedResponse, 'the run is started (or now tracks these terms)', {
        example: STREAM_EXAMPLES.launched,
      }),
      ...launchErrors,
      ...adminErrors,
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/stop',
    operationId: 'stopStream',
    ...admin,
    summary: 'End the running stream run: its connection closes, its last posts are written',
    description:
      'On any replica: the replica that holds the run ends it, and this one answers with the ended run. A run no live replica holds is ended at its last heartbeat.',
    responses: {
      200: jsonResponse(stoppedResponse, 'the run ended; its final counters'),
      504: problemResponse("the run's holder did not end it within the lease TTL (LEADER_LEASE_TTL_MS)"),
      409: problemResponse('no stream run is active', { example: STREAM_EXAMPLES.notRunning }),
      ...adminErrors,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/statistics',
    operationId: 'getStreamStatistics',
    security: [],
    tags: ['stream'],
    summary: 'Messages per second over all stream runs, the running run and the last 20',
    description:
      'The same on every replica: the running run as its holder last saved it (every second). Kept in the database, so it survives restarts. `speed` is `amount / elapsed_time`, both summed over every run; a run a crash left open is closed at the next start at its last heartbeat (saved every second).',
    responses: {
      200: jsonResponse(statisticsResponse, 'totals of all runs', { example: STREAM_EXAMPLES.statistics }),
      500: serverError,
      503: databaseUnavailable,
    },
  });
}
