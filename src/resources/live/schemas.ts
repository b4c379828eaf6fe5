import { z } from 'zod';
import { langParam, single, tagParam } from '../schemas';
import { tweetEntry } from '../tweets/schemas';

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
