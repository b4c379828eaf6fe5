import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { MAX_SEARCH_TERMS, searchTerms } from '../../repositories/search';
import { answerTo, problemOf } from '../openapi/examples';
import { cachedJsonResponse, cachedRead, problemResponse } from '../openapi/responses';
import { integerParam, langParam, single, tagParam } from '../schemas';
import { tweetsResponse } from './schemas';
import { postFilterParams } from '../aggregates/params';

/** `GET /tweets`' contract: its parameters, its real answers on the sample, its OpenAPI path. */

export const MAX_LIMIT = 1000;
export const MAX_TOP_AUTHORS = 1000;
export const MAX_SEARCH_LENGTH = 500;

export const listTweetsQuery = z.strictObject({
  limit: integerParam(1, MAX_LIMIT)
    .default(100)
    .meta({
      description: 'entries per page (1..1000, default 100)',
      param: { schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 100 } },
    }),
  cursor: single
    .max(512, 'must be a next_cursor value returned by this endpoint')
    .optional()
    .meta({ description: 'the next_cursor of the previous page' }),
  tag: tagParam.optional().meta({
    description:
      'only entries under this hashtag: devops or #devops, in any letter case, accents composed or not (#İstanbul is #istanbul)',
    param: { example: 'devops' },
  }),
  lang: langParam
    .optional()
    .meta({ description: 'only posts in this language, e.g. en', param: { example: 'en' } }),
  from: postFilterParams.from,
  to: postFilterParams.to,
  tz: postFilterParams.tz,
  q: single
    .max(MAX_SEARCH_LENGTH, `must be at most ${MAX_SEARCH_LENGTH} characters`)
    .transform((value, ctx) => {
      const terms = searchTerms(value);
      if (terms.length > 0) return terms;
      ctx.addIssue({ code: 'custom', message: 'must contain at least one word' });
      return z.NEVER;
    })
    .optional()
    .meta({
      description: `only posts whose text has every word of this (up to ${MAX_SEARCH_TERMS} words, any order, letter case and accents ignored); quotes and operators such as OR, NEAR or * are plain text`,
      param: { schema: { type: 'string', maxLength: MAX_SEARCH_LENGTH }, example: 'open banking' },
    }),
});

/** What the top-authors answer cannot be combined with: the paging and the search of the entries. */
export const ENTRY_ONLY_PARAMS = ['limit', 'cursor', 'q'];

export const topAuthorsQuery = z.strictObject({
  order_by_followers_desc: integerParam(1, MAX_TOP_AUTHORS).meta({
    description:
      'answer instead with the N (1..1000) distinct authors with most followers (of the posts matching tag, lang, from and to when given); not combinable with limit, cursor or q',
  }),
  tag: listTweetsQuery.shape.tag,
  lang: listTweetsQuery.shape.lang,
  from: listTweetsQuery.shape.from,
  to: listTweetsQuery.shape.to,
  tz: listTweetsQuery.shape.tz,
});

const frenchEntry = {
  id: '2123742555316159763',
  tweet: 'La supervision, c’est un travail d’équipe 💪 #observability',
  author: 'Ana Yılmaz | Security',
  username: 'anaylmaz_439',
  followers: 1042,
  created: '2026-11-20T11:37:37.000Z',
  lang: 'fr',
  country: 'NG',
  country_name: 'Nigeria',
  rash: '#observability',
};
const AFTER_FRENCH_ENTRY =
  'WyIyMDI2LTExLTIwVDExOjM3OjM3LjAwMFoiLCIyMTIzNzQyNTU1MzE2MTU5NzYzIiwiI29ic2VydmFiaWxpdHkiXQ';

const tweets = answerTo('/tweets?limit=2', {
  tweets: [
    {
      id: '2123747800834376980',
      tweet: '🚀🚀🚀 #Observability',
      author: 'Maria Smith',
      username: 'mariasmith_304',
      followers: 7868,
      created: '2026-11-20T11:58:27.000Z',
      lang: 'und',
      country: 'DE',
      country_name: 'Germany',
      rash: '#observability',
    },
    frenchEntry,
  ],
  next_cursor: AFTER_FRENCH_ENTRY,
});
const search = answerTo('/tweets?q=supervision&lang=fr&limit=1', {
  tweets: [frenchEntry],
  next_cursor: AFTER_FRENCH_ENTRY,
});
const authors = answerTo('/tweets?order_by_followers_desc=2', {
  authors: [
    { author: 'Jonas Okafor', username: 'jonasokafo_985', followers: 730031, tweets: 1 },
    { author: 'Kwame Mensah', username: 'kwamemensa_166', followers: 656299, tweets: 1 },
  ],
});
const filteredAuthors = answerTo('/tweets?order_by_followers_desc=2&lang=fr&tag=observability', {
  authors: [
    { author: 'Noah Schmidt', username: 'noahschmid_563', followers: 6779, tweets: 1 },
    { author: 'Sofía Fischer', username: 'sofiafisch_3', followers: 4463, tweets: 1 },
  ],
});
const badLimit = answerTo(
  '/tweets?limit=0',
  problemOf(
    400,
    'Bad Request',
    'limit: must be an integer from 1 to 1000',
    '66049923-e1df-405a-9769-6574585353b8',
  ),
);

export const EXAMPLES = { tweets, search, authors, filteredAuthors, badLimit };

/** This resource's path in the OpenAPI description (src/resources/openapi/document.ts gathers them). */
export function registerPaths(registry: OpenAPIRegistry): void {
  registry.registerPath(
    cachedRead({
      path: '/tweets',
      operationId: 'getTweets',
      tags: ['posts'],
      summary:
        'Stored posts, newest first; or, with order_by_followers_desc, the authors with most followers',
      description: `One operation, two answers:
- without \`order_by_followers_desc\`: a **TweetsPage**, one entry per post and hashtag it was found under, newest first; page with \`limit\` and \`cursor\`, filter with \`tag\`, \`lang\`, \`from\`/\`to\` (dates read in \`tz\`) and \`q\` (words the text must contain, full-text search), combinable.
- with \`order_by_followers_desc=N\`: **TopAuthors**, the N distinct authors with most followers, of the posts matching \`tag\`, \`lang\`, \`from\` and \`to\` when given (each author's \`tweets\` then counts those posts).

The 200 schema is \`oneOf\` the two. Unknown parameters, and \`order_by_followers_desc\` with \`limit\`, \`cursor\` or \`q\`, are a 400.`,
      query: listTweetsQuery.extend(topAuthorsQuery.partial().shape),
      ok: cachedJsonResponse(tweetsResponse, 'a TweetsPage, or TopAuthors with order_by_followers_desc', {
        examples: {
          tweets: { summary: '?limit=2: a page of entries', ...tweets },
          search: { summary: '?q=supervision&lang=fr&limit=1: posts with that word', ...search },
          authors: { summary: '?order_by_followers_desc=2: the top authors', ...authors },
          filteredAuthors: {
            summary: '?order_by_followers_desc=2&lang=fr&tag=observability: the top authors of those posts',
            ...filteredAuthors,
          },
        },
      }),
      badRequest: problemResponse(
        'a parameter is unknown or invalid, from is not before to, or limit, cursor or q is combined with order_by_followers_desc',
        { example: badLimit },
      ),
    }),
  );
}
