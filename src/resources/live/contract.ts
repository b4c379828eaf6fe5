import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { problemResponse, serverError, textResponse } from '../openapi/responses';
import { langParam, single, tagParam } from '../schemas';
import { tweetEntry } from '../tweets/schemas';

/** The live page's and event stream's contract: the query, the events' schemas, the OpenAPI paths. */
const eventId = single.regex(/^\d{1,15}$/, 'must be the id of an event this stream sent').transform(Number);

export const liveEventsQuery = z.strictObject({
  tag: tagParam.optional().meta({
    description: 'only posts under this hashtag: devops or #devops',
    param: { example: 'devops' },
  }),
  lang: langParam
    .optional()
    .meta({ description: 'only posts in this language, e.g. en', param: { example: 'en' } }),
  last_event_id: eventId.optional().meta({
    description:
      'resume after this event id (the Last-Event-ID header wins when both are given): the missed events are replayed',
    param: { schema: { type: 'string', pattern: '^\\d{1,15}$' } },
  }),
});

export const lastEventIdHeader = eventId;

export const postEvent = tweetEntry.meta({
  description:
    'event `post` (its `id:` is the database sequence of the stored entry): the `/tweets` entry stored',
});

export const statsEvent = z
  .strictObject({
    time: z.string().meta({ description: 'ISO 8601 time the second ended' }),
    posts_per_second: z.number().int().min(0).meta({ description: 'entries stored in that second' }),
    tags: z.record(z.string(), z.number().int().min(0)).meta({ description: 'entries stored per tag' }),
  })
  .meta({ description: 'event `stats`, every second, for the charts' });

export const reloadEvent = z
  .strictObject({
    reason: z.enum(['outside_window', 'unknown_id']).meta({
      description:
        'outside_window: the missed events are older than the replay window; unknown_id: not an id of this database',
    }),
  })
  .meta({
    description: 'event `reload`: the client reloads its view instead of resuming',
  });

const DESCRIPTION = `Server-Sent Events (\`text/event-stream\`): every post stored from now on, by a collection or a stream, on every replica whose notifications reach this one.

Events (each \`data:\` is one JSON object):
- \`post\` — [LivePostEvent](#/components/schemas/LivePostEvent), the \`/tweets\` entry stored; its \`id:\` is a monotonic sequence from the database, stable across restarts.
- \`stats\` — [LiveStatsEvent](#/components/schemas/LiveStatsEvent), every second: entries stored in the last second and entries per tag.
- \`reload\` — [LiveReloadEvent](#/components/schemas/LiveReloadEvent): the \`Last-Event-ID\` asked for is older than the replay window (\`LIVE_REPLAY_WINDOW\` events) or not an id of this database; reload the view, then resume from this event's id.

A \`retry:\` comes first, a \`: heartbeat\` comment every 15 s. Resuming with \`Last-Event-ID\` (the header a browser sends on reconnect, or the \`last_event_id\` parameter) replays exactly the \`post\` events after it, filtered, then continues live; no id is sent twice. Each client is written to as fast as it reads: one that owes more than \`LIVE_CLIENT_BUFFER_BYTES\` for \`LIVE_SLOW_CLIENT_MS\` is disconnected. One client address holds at most \`LIVE_MAX_CLIENTS_PER_ADDRESS\` streams and resumes \`LIVE_RESUMES_PER_MINUTE\` times a minute (beyond, 429); beyond \`LIVE_MAX_CLIENTS\` clients the answer is 503. Both carry \`Retry-After\`.`;

const RETRY_AFTER = {
  'Retry-After': {
    description: 'seconds to wait before connecting again',
    required: true,
    schema: { type: 'string' as const },
  },
};

/** This resource's paths in the OpenAPI description (src/resources/openapi/document.ts gathers them). */
/** The HTML pages: the live page and the insights page. */
function registerPages(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/',
    operationId: 'getLivePage',
    security: [],
    tags: ['posts'],
    summary: 'The live page: posts as they are stored, per-tag counts and a posts-per-second chart',
    description:
      'An HTML page reading `/live/events`; its script and styles are served under `/assets/`, with a strict Content-Security-Policy. 503 when it was not built (`npm run build:web`).',
    responses: {
      200: textResponse('text/html', z.string(), 'the page'),
      503: problemResponse('the page was not built'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/insights',
    operationId: 'getInsightsPage',
    security: [],
    tags: ['posts'],
    summary: 'The insights page: the summaries as charts, a world map per country, top authors and a search',
    description:
      'An HTML page reading the summary endpoints, with filters (tag, language, time range, time zone) in its URL; its script and styles are served under `/assets/` with content-hashed names, with a strict Content-Security-Policy. 503 when it was not built (`npm run build:web`).',
    responses: {
      200: textResponse('text/html', z.string(), 'the page'),
      503: problemResponse('the page was not built'),
    },
  });
}

export function registerPaths(registry: OpenAPIRegistry): void {
  registerPages(registry);
  registerEventSchemas(registry);
  registry.registerPath({
    method: 'get',
    path: '/live/events',
    operationId: 'getLiveEvents',
    security: [],
    tags: ['posts'],
    summary: 'Live event stream: posts the moment they are stored, and stats every second',
    description: DESCRIPTION,
    request: {
      query: liveEventsQuery,
      headers: z.object({
        'Last-Event-ID': z
          .string()
          .regex(/^(\d{1,15})?$/)
          .optional()
          .meta({
            description:
              'the id of the last event received: resume after it (empty: none, as a browser that has none)',
          }),
      }),
    },
    responses: {
      200: textResponse(
        'text/event-stream',
        z.string().meta({ example: 'retry: 2000\n\nid: 42\nevent: post\ndata: {"id":"1",...}\n\n' }),
        'the event stream; it never ends by itself',
      ),
      400: problemResponse('a parameter or Last-Event-ID is invalid'),
      429: problemResponse(
        'this client address holds LIVE_MAX_CLIENTS_PER_ADDRESS streams already, or resumed LIVE_RESUMES_PER_MINUTE times in the last minute',
        { headers: RETRY_AFTER },
      ),
      500: serverError,
      503: problemResponse('LIVE_MAX_CLIENTS clients are connected already, or the server is stopping', {
        headers: RETRY_AFTER,
      }),
    },
  });
}

/** The data of each event: it travels inside a text/event-stream body, so its schemas are components of their own. */
function registerEventSchemas(registry: OpenAPIRegistry): void {
  registry.registerComponent('schemas', 'LivePostEvent', {
    description: postEvent.description,
    allOf: [{ $ref: '#/components/schemas/TweetEntry' }],
  });
  for (const [name, schema] of Object.entries({
    LiveStatsEvent: statsEvent,
    LiveReloadEvent: reloadEvent,
  })) {
    const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { target: 'draft-2020-12' });
    registry.registerComponent('schemas', name, json as never);
  }
}
