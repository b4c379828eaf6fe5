import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  cachedJsonResponse,
  notModified,
  problemResponse,
  serverError,
  conditional,
} from '../openapi/responses';
import { AGGREGATE_EXAMPLES as OWN } from './examples';
import { perCountryResponse, perHourQuery, perHourResponse, perTagResponse } from './schemas';

/** This resource's paths in the OpenAPI description (src/resources/openapi/document.ts gathers them). */
export function registerPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/tweets_per_hour',
    tags: ['aggregates'],
    summary: 'Distinct posts by hour of day, in a time zone (24 entries)',
    description: 'Other query parameters are ignored, as in the original API.',
    request: { query: perHourQuery, headers: conditional },
    responses: {
      200: cachedJsonResponse(perHourResponse, 'posts per hour of day', { example: OWN.perHour }),
      400: problemResponse('tz is not a known IANA time zone', { example: OWN.badZone }),
      304: notModified,
      500: serverError,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/tweets_per_tag',
    tags: ['aggregates'],
    summary: 'Posts per hashtag and language',
    description:
      'One array per hashtag: the configured ones first, in their order, then any other stored. Query parameters are ignored.',
    request: { headers: conditional },
    responses: {
      200: cachedJsonResponse(perTagResponse, 'one array per hashtag', { example: OWN.perTag }),
      304: notModified,
      500: serverError,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/tweets_per_country',
    tags: ['aggregates'],
    summary: 'Distinct posts per country, most first',
    description: 'Query parameters are ignored.',
    request: { headers: conditional },
    responses: {
      200: cachedJsonResponse(perCountryResponse, 'posts per country or location', {
        example: OWN.perCountry,
      }),
      304: notModified,
      500: serverError,
    },
  });
}
