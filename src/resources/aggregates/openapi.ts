import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  cachedJsonResponse,
  notModified,
  problemResponse,
  serverError,
  databaseUnavailable,
  conditional,
} from '../openapi/responses';
import { AGGREGATE_EXAMPLES as OWN } from './examples';
import {
  overTimeQuery,
  overTimeResponse,
  perCountryResponse,
  perHourQuery,
  perHourResponse,
  perLanguageQuery,
  perLanguageResponse,
  perTagResponse,
} from './schemas';

/** This resource's paths in the OpenAPI description (src/resources/openapi/document.ts gathers them). */
export function registerPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/tweets_per_hour',
    operationId: 'getTweetsPerHour',
    security: [],
    tags: ['aggregates'],
    summary: 'Distinct posts by hour of day, in a time zone (24 entries)',
    description: 'Other query parameters are ignored, as in the original API.',
    request: { query: perHourQuery, headers: conditional },
    responses: {
      200: cachedJsonResponse(perHourResponse, 'posts per hour of day', { example: OWN.perHour }),
      400: problemResponse('tz is not a known IANA time zone', { example: OWN.badZone }),
      304: notModified,
      500: serverError,
      503: databaseUnavailable,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/tweets_per_tag',
    operationId: 'getTweetsPerTag',
    security: [],
    tags: ['aggregates'],
    summary: 'Posts per hashtag and language',
    description:
      'One array per hashtag: the configured ones first, in their order, then any other stored. Query parameters are ignored.',
    request: { headers: conditional },
    responses: {
      200: cachedJsonResponse(perTagResponse, 'one array per hashtag', { example: OWN.perTag }),
      304: notModified,
      500: serverError,
      503: databaseUnavailable,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/tweets_per_country',
    operationId: 'getTweetsPerCountry',
    security: [],
    tags: ['aggregates'],
    summary: 'Distinct posts per country (ISO 3166-1 alpha-2), most first',
    description:
      "A post's country is its place's country code, else the country its author's location names (resolved offline when the post is stored), else null. Query parameters are ignored.",
    request: { headers: conditional },
    responses: {
      200: cachedJsonResponse(perCountryResponse, 'posts per country', {
        example: OWN.perCountry,
      }),
      304: notModified,
      500: serverError,
      503: databaseUnavailable,
    },
  });
  registerSummaryPaths(registry);
}

function registerSummaryPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/tweets_per_language',
    operationId: 'getTweetsPerLanguage',
    security: [],
    tags: ['aggregates'],
    summary: 'Distinct posts per language, most first',
    description: 'Every stored post once, or those under one hashtag. Other query parameters are ignored.',
    request: { query: perLanguageQuery, headers: conditional },
    responses: {
      200: cachedJsonResponse(perLanguageResponse, 'posts per language', {
        examples: {
          all: { summary: 'every post', value: OWN.perLanguage },
          tag: { summary: '?tag=devops: the posts under #devops', value: OWN.perLanguageOfTag },
        },
      }),
      400: problemResponse('tag is not a hashtag'),
      304: notModified,
      500: serverError,
      503: databaseUnavailable,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/tweets_over_time',
    operationId: 'getTweetsOverTime',
    security: [],
    tags: ['aggregates'],
    summary: 'Distinct posts per local hour or day, zero-filled',
    description:
      'Buckets follow the hours or days of tz (a day in Asia/Kathmandu starts at 18:15 UTC; a DST day has 23 or 25 hours). from and to choose the buckets: the first holds from, the last starts before to, and each counts its whole interval. Counted from counters kept at write time: the cost follows the range, not the number of posts. Other query parameters are ignored.',
    request: { query: overTimeQuery, headers: conditional },
    responses: {
      200: cachedJsonResponse(overTimeResponse, 'posts per bucket', {
        examples: {
          days: {
            summary: '?interval=day&from=2026-11-14&to=2026-11-21&tz=Asia/Kathmandu',
            value: OWN.overTime,
          },
        },
      }),
      400: problemResponse(
        'a parameter is malformed, from is not before to, or the range holds over 1,000 buckets',
        {
          example: OWN.tooManyBuckets,
        },
      ),
      304: notModified,
      500: serverError,
      503: databaseUnavailable,
    },
  });
}
