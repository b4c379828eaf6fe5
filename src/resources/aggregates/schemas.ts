import { z } from 'zod';
import { single, tagParam } from '../schemas';
import { canonicalZone } from './hours';

const ZONE_HELP = 'must be an IANA time zone such as UTC or America/Sao_Paulo';

const zoneParam = single
  .transform((zone, ctx) => {
    const canonical = canonicalZone(zone);
    if (canonical) return canonical;
    ctx.addIssue({ code: 'custom', message: ZONE_HELP });
    return z.NEVER;
  })
  .default('UTC');

/** Unknown parameters are ignored on the aggregate endpoints, as in the original API. */
export const perHourQuery = z.object({
  tz: zoneParam.meta({
    description:
      'IANA time zone to count hours in, e.g. America/Sao_Paulo, in any letter case; default UTC. An unknown zone is a 400.',
    param: { example: 'America/Sao_Paulo' },
  }),
});

export const perHourResponse = z
  .strictObject({
    tweets_per_hour: z
      .array(
        z.strictObject({
          at_hour: z.string().regex(/^([01]\d|2[0-3]):00$/),
          tweets: z.number().int().min(0),
        }),
      )
      .length(24)
      .meta({ description: 'hours 00:00 to 23:00 in order, zero-filled' }),
  })
  .meta({ id: 'TweetsPerHour' });

export const perTagResponse = z
  .strictObject({
    tweets_per_tags: z.array(
      z.array(z.strictObject({ rash: z.string(), lang: z.string(), tweets: z.number().int().min(1) })),
    ),
  })
  .meta({ id: 'TweetsPerTag', description: 'one array per tag, configured tags first' });

export const perCountryResponse = z
  .strictObject({
    tweets_per_country: z
      .array(
        z.strictObject({
          country: z
            .string()
            .regex(/^[A-Z]{2}$/)
            .nullable()
            .meta({ description: 'ISO 3166-1 alpha-2 code, null for posts whose country is not known' }),
          country_name: z.string().nullable().meta({ description: "the country's English name" }),
          tweets: z.number().int().min(1),
        }),
      )
      .meta({
        description: 'most posts first; null gathers the posts whose country is not known',
      }),
  })
  .meta({ id: 'TweetsPerCountry' });

const tagFilter = tagParam.optional().meta({
  description: 'only posts under this hashtag: devops or #devops, in any letter case',
  param: { example: 'devops' },
});

export const perLanguageQuery = z.object({ tag: tagFilter });

export const perLanguageResponse = z
  .strictObject({
    tweets_per_language: z
      .array(z.strictObject({ lang: z.string(), tweets: z.number().int().min(1) }))
      .meta({ description: 'most posts first, then by language code; each post once' }),
  })
  .meta({ id: 'TweetsPerLanguage' });

const TIME_HELP =
  'must be a date (2026-11-01, midnight in tz) or a date-time with Z or an offset, from 1970 to 2999';
/** A real calendar date (no 30 February) and a parseable time. */
function isRealTime(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day));
  // zod runs this refinement even after the format check failed: a malformed value is NaN here.
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value.slice(0, 10)) return false;
  return !Number.isNaN(Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value));
}

const instantParam = single
  .regex(/^(19[7-9]\d|2\d{3})-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, TIME_HELP)
  .refine(isRealTime, TIME_HELP);

export const overTimeQuery = z.object({
  interval: z.enum(['hour', 'day'], { error: 'must be hour or day' }).default('hour').meta({
    description: 'bucket size: local hours or local days of tz (default hour)',
  }),
  from: instantParam.optional().meta({
    description:
      'the first bucket is the one holding this time; default 24 hours (interval=hour) or 30 days (day) before to',
    param: { example: '2026-11-01' },
  }),
  to: instantParam.optional().meta({
    description: 'buckets start before this time (exclusive); default now. At most 1,000 buckets, else 400.',
    param: { example: '2026-12-01' },
  }),
  tag: tagFilter,
  tz: zoneParam.meta({
    description: 'IANA time zone whose hours and days the buckets follow, in any letter case; default UTC',
    param: { example: 'Asia/Kathmandu' },
  }),
});

export const overTimeResponse = z
  .strictObject({
    tweets_over_time: z
      .array(
        z.strictObject({
          start: z.iso
            .datetime({ offset: true })
            .meta({ description: "the bucket's start, in tz, with its offset" }),
          tweets: z.number().int().min(0),
        }),
      )
      .meta({
        description: 'every bucket in order, zero-filled; each post once (under the tag, when given)',
      }),
  })
  .meta({ id: 'TweetsOverTime' });
