import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { answerTo, problemOf } from '../openapi/examples';
import { cachedJsonResponse, cachedRead, problemResponse } from '../openapi/responses';
import { hourLabel } from './hours';
import { instantParam, langFilter, postFilterParams, tagFilter, zoneParam } from './params';

/** The aggregates' contract: each endpoint's schemas, its real answers on the sample, its OpenAPI path. */
const tags = ['aggregates'];

// GET /tweets_per_hour. Unknown parameters are ignored on the aggregate endpoints, as in the original API.
export const perHourQuery = z.object({
  ...postFilterParams,
  tz: zoneParam.meta({
    description:
      'IANA time zone to count hours in (and to read dates in from and to), e.g. America/Sao_Paulo, in any letter case; default UTC. An unknown zone is a 400.',
    param: { example: 'America/Sao_Paulo' },
  }),
});

const perHourResponse = z
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

const PER_HOUR_UTC = [
  33, 41, 30, 33, 33, 33, 52, 33, 36, 37, 34, 37, 27, 22, 34, 36, 38, 43, 31, 36, 35, 26, 36, 34,
];
const PROBLEM_ID = 'e6832cc4-c94d-4a5e-8b64-39195b817fb7';

const perHour = answerTo('/tweets_per_hour', {
  tweets_per_hour: PER_HOUR_UTC.map((tweets, hour) => ({ at_hour: hourLabel(hour), tweets })),
});
const badZone = answerTo(
  '/tweets_per_hour?tz=Mars/Olympus',
  problemOf(400, 'Bad Request', 'tz: must be an IANA time zone such as UTC or America/Sao_Paulo', PROBLEM_ID),
);

// GET /tweets_per_tag
export const perTagQuery = z.object(postFilterParams);

const perTagResponse = z
  .strictObject({
    tweets_per_tags: z.array(
      z.array(z.strictObject({ rash: z.string(), lang: z.string(), tweets: z.number().int().min(1) })),
    ),
  })
  .meta({ id: 'TweetsPerTag', description: 'one array per tag, configured tags first' });

const perTag = answerTo('/tweets_per_tag', {
  tweets_per_tags: [
    [
      { rash: '#openbanking', lang: 'en', tweets: 44 },
      { rash: '#openbanking', lang: 'es', tweets: 13 },
      { rash: '#openbanking', lang: 'pt', tweets: 11 },
    ],
    [
      { rash: '#remediation', lang: 'en', tweets: 47 },
      { rash: '#remediation', lang: 'pt', tweets: 15 },
      { rash: '#remediation', lang: 'es', tweets: 8 },
    ],
  ],
});

// GET /tweets_per_country
export const perCountryQuery = z.object(postFilterParams);

const perCountryResponse = z
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

const perCountry = answerTo('/tweets_per_country', {
  tweets_per_country: [
    { country: null, country_name: null, tweets: 324 },
    { country: 'PT', country_name: 'Portugal', tweets: 59 },
    { country: 'DE', country_name: 'Germany', tweets: 52 },
    { country: 'JP', country_name: 'Japan', tweets: 50 },
    { country: 'ES', country_name: 'Spain', tweets: 43 },
  ],
});

const perCountryFiltered = answerTo(
  '/tweets_per_country?tag=devops&lang=en&from=2026-11-18&tz=Europe/Lisbon',
  {
    tweets_per_country: [
      { country: null, country_name: null, tweets: 10 },
      { country: 'AR', country_name: 'Argentina', tweets: 3 },
      { country: 'AU', country_name: 'Australia', tweets: 3 },
      { country: 'ES', country_name: 'Spain', tweets: 3 },
    ],
  },
);

// GET /tweets_per_language
export const perLanguageQuery = z.object(postFilterParams);

const perLanguageResponse = z
  .strictObject({
    tweets_per_language: z
      .array(z.strictObject({ lang: z.string(), tweets: z.number().int().min(1) }))
      .meta({ description: 'most posts first, then by language code; each post once' }),
  })
  .meta({ id: 'TweetsPerLanguage' });

const perLanguage = answerTo('/tweets_per_language', {
  tweets_per_language: [
    { lang: 'en', tweets: 367 },
    { lang: 'pt', tweets: 102 },
    { lang: 'es', tweets: 79 },
    { lang: 'fr', tweets: 63 },
  ],
});
const perLanguageOfTag = answerTo('/tweets_per_language?tag=devops', {
  tweets_per_language: [
    { lang: 'en', tweets: 45 },
    { lang: 'pt', tweets: 12 },
    { lang: 'de', tweets: 9 },
  ],
});

// GET /tweets_over_time
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
  lang: langFilter,
  tz: zoneParam.meta({
    description: 'IANA time zone whose hours and days the buckets follow, in any letter case; default UTC',
    param: { example: 'Asia/Kathmandu' },
  }),
});

const overTimeResponse = z
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

const KATHMANDU_DAYS = [0, 8, 152, 155, 178, 183, 154];
const overTime = answerTo('/tweets_over_time?interval=day&from=2026-11-14&to=2026-11-21&tz=Asia/Kathmandu', {
  tweets_over_time: KATHMANDU_DAYS.map((tweets, day) => ({
    start: `2026-11-${14 + day}T00:00:00+05:45`,
    tweets,
  })),
});
const tooManyBuckets = answerTo(
  '/tweets_over_time?from=2020-01-01',
  problemOf(
    400,
    'Bad Request',
    'from: the range holds more than 1000 hours; narrow it or use a longer interval',
    PROBLEM_ID,
  ),
);

export const EXAMPLES = {
  perHour,
  badZone,
  perTag,
  perCountry,
  perCountryFiltered,
  perLanguage,
  perLanguageOfTag,
  overTime,
  tooManyBuckets,
};

const FILTERED =
  'With tag, lang, from or to, counted from the posts that match them all (each post once); without, from counters kept at write time.';
const BAD_FILTER = 'a parameter is malformed, tz is not a known IANA time zone, or from is not before to';

/** This resource's paths in the OpenAPI description (src/resources/openapi/document.ts gathers them). */
export function registerPaths(registry: OpenAPIRegistry): void {
  registry.registerPath(
    cachedRead({
      path: '/tweets_per_hour',
      operationId: 'getTweetsPerHour',
      tags,
      summary: 'Distinct posts by hour of day, in a time zone (24 entries)',
      description: `${FILTERED} Other query parameters are ignored, as in the original API.`,
      query: perHourQuery,
      ok: cachedJsonResponse(perHourResponse, 'posts per hour of day', { example: perHour }),
      badRequest: problemResponse(BAD_FILTER, { example: badZone }),
    }),
  );
  registry.registerPath(
    cachedRead({
      path: '/tweets_per_tag',
      operationId: 'getTweetsPerTag',
      tags,
      summary: 'Posts per hashtag and language',
      description: `One array per hashtag: the configured ones first, in their order, then any other stored; with tag, that tag's array alone. ${FILTERED} Other query parameters are ignored.`,
      query: perTagQuery,
      ok: cachedJsonResponse(perTagResponse, 'one array per hashtag', { example: perTag }),
      badRequest: problemResponse(BAD_FILTER),
    }),
  );
  registry.registerPath(
    cachedRead({
      path: '/tweets_per_country',
      operationId: 'getTweetsPerCountry',
      tags,
      summary: 'Distinct posts per country (ISO 3166-1 alpha-2), most first',
      description: `A post's country is its place's country code, else the country its author's location names (resolved offline when the post is stored), else null. ${FILTERED} Other query parameters are ignored.`,
      query: perCountryQuery,
      ok: cachedJsonResponse(perCountryResponse, 'posts per country', {
        examples: {
          all: { summary: 'every post', ...perCountry },
          filtered: {
            summary: '?tag=devops&lang=en&from=2026-11-18&tz=Europe/Lisbon: the matching posts',
            ...perCountryFiltered,
          },
        },
      }),
      badRequest: problemResponse(BAD_FILTER),
    }),
  );
  registerSummaryPaths(registry);
}

function registerSummaryPaths(registry: OpenAPIRegistry): void {
  registry.registerPath(
    cachedRead({
      path: '/tweets_per_language',
      operationId: 'getTweetsPerLanguage',
      tags,
      summary: 'Distinct posts per language, most first',
      description: `Every stored post once, or those matching the filters. ${FILTERED} Other query parameters are ignored.`,
      query: perLanguageQuery,
      ok: cachedJsonResponse(perLanguageResponse, 'posts per language', {
        examples: {
          all: { summary: 'every post', ...perLanguage },
          tag: { summary: '?tag=devops: the posts under #devops', ...perLanguageOfTag },
        },
      }),
      badRequest: problemResponse(BAD_FILTER),
    }),
  );
  registry.registerPath(
    cachedRead({
      path: '/tweets_over_time',
      operationId: 'getTweetsOverTime',
      tags,
      summary: 'Distinct posts per local hour or day, zero-filled',
      description:
        'Buckets follow the hours or days of tz (a day in Asia/Kathmandu starts at 18:15 UTC; a DST day has 23 or 25 hours). from and to choose the buckets: the first holds from, the last starts before to, and each counts its whole interval. Counted from counters kept at write time (the cost follows the range, not the number of posts); with lang, from the matching posts. Other query parameters are ignored.',
      query: overTimeQuery,
      ok: cachedJsonResponse(overTimeResponse, 'posts per bucket', {
        examples: {
          days: {
            summary: '?interval=day&from=2026-11-14&to=2026-11-21&tz=Asia/Kathmandu',
            ...overTime,
          },
        },
      }),
      badRequest: problemResponse(
        'a parameter is malformed, from is not before to, or the range holds over 1,000 buckets',
        { example: tooManyBuckets },
      ),
    }),
  );
}
