import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  cachedJsonResponse,
  notModified,
  problemResponse,
  serverError,
  databaseUnavailable,
  conditional,
} from '../openapi/responses';
import { TWEETS_EXAMPLES as OWN } from './examples';
import { listTweetsQuery, topAuthorsQuery, tweetsResponse } from './schemas';

/** This resource's paths in the OpenAPI description (src/resources/openapi/document.ts gathers them). */
export function registerPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/tweets',
    operationId: 'getTweets',
    security: [],
    tags: ['posts'],
    summary: 'Stored posts, newest first; or, with order_by_followers_desc, the authors with most followers',
    description: `One operation, two answers:
- without \`order_by_followers_desc\`: a **TweetsPage**, one entry per post and hashtag it was found under, newest first; page with \`limit\` and \`cursor\`, filter with \`tag\`, \`lang\` and \`q\` (words the text must contain, full-text search), combinable.
- with \`order_by_followers_desc=N\` and no other parameter: **TopAuthors**, the N distinct authors with most followers.

The 200 schema is \`oneOf\` the two. Unknown parameters, and \`order_by_followers_desc\` with any other, are a 400.`,
    request: { query: listTweetsQuery.extend(topAuthorsQuery.partial().shape), headers: conditional },
    responses: {
      200: cachedJsonResponse(tweetsResponse, 'a TweetsPage, or TopAuthors with order_by_followers_desc', {
        examples: {
          tweets: { summary: '?limit=2: a page of entries', value: OWN.tweets },
          search: { summary: '?q=supervision&lang=fr&limit=1: posts with that word', value: OWN.search },
          authors: { summary: '?order_by_followers_desc=2: the top authors', value: OWN.authors },
        },
      }),
      400: problemResponse('a parameter is unknown, invalid, or combined with order_by_followers_desc', {
        example: OWN.badLimit,
      }),
      304: notModified,
      500: serverError,
      503: databaseUnavailable,
    },
  });
}
