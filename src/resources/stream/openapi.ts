import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { EXAMPLES } from '../openapi/examples';
import {
  jsonResponse,
  problemResponse,
  serverError,
  databaseUnavailable,
  tooManyFailedAuth,
  unauthorized,
} from '../openapi/responses';
import { launchBody, launchedResponse, launchProblem, statisticsResponse, stoppedResponse } from './schemas';

const RUN_ID = '4c6f1e2a-9b1d-4e55-8a51-2f0c7d9e3b10';
const started = '2026-11-29T18:00:00.000Z';

const STREAM_EXAMPLES = {
  launched: { process_started: true, run_id: RUN_ID, replaced: false, track: ['bieber', '#devops'] },
  badTrack: {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'track: at least one term',
    instance: '0b7c2f52-3a57-4f0e-9d4b-6a1f1f7d2c11',
  },
  refused: {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail:
      "X refused the rule of: #bad (UnprocessableEntity: Reference to invalid field '#bad'); no run started or changed",
    instance: '0b7c2f52-3a57-4f0e-9d4b-6a1f1f7d2c11',
    refused: [{ term: '#bad', reason: "UnprocessableEntity: Reference to invalid field '#bad'" }],
  },
  notRunning: {
    type: 'about:blank',
    title: 'Conflict',
    status: 409,
    detail: 'no stream run is active; POST /launch starts one',
    instance: '0b7c2f52-3a57-4f0e-9d4b-6a1f1f7d2c11',
  },
  statistics: {
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
  },
};

const launchErrors = {
  400: problemResponse(
    'the body is not JSON, or `track` is missing, empty, too long or has a bad term; or X refused the rules of some terms (`refused`: each term and its reason; nothing started or changed)',
    {
      schema: launchProblem,
      examples: {
        badTrack: { summary: 'a bad body', value: STREAM_EXAMPLES.badTrack },
        refused: { summary: 'rules X refused', value: STREAM_EXAMPLES.refused },
      },
    },
  ),
  409: problemResponse(
    'a process that does not serve the deployment (`npm run stream`) was asked while a run is live on the server',
  ),
};

/** POST /launch, POST /stop and GET /statistics. */
export function registerStream(registry: OpenAPIRegistry): void {
  const admin = { tags: ['stream'], security: [{ adminToken: [] }] };
  const adminErrors = {
    401: unauthorized(EXAMPLES.unauthorized),
    429: tooManyFailedAuth(EXAMPLES.tooManyFailedAuth),
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
