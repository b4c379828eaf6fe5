import { z } from 'zod';
import { MAX_SEARCH_TERMS, searchTerms } from '../../repositories/search';
import { integerParam, langParam, single, tagParam } from '../schemas';

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

export const topAuthorsQuery = z.strictObject({
  order_by_followers_desc: integerParam(1, MAX_TOP_AUTHORS).meta({
    description:
      'answer instead with the N (1..1000) distinct authors with most followers; not combinable with other parameters',
  }),
});

export const tweetEntry = z
  .strictObject({
    id: z
      .string()
      .regex(/^\d{1,19}$/)
      .meta({ description: 'X post id' }),
    tweet: z.string().meta({ description: 'the post text' }),
    author: z.string().meta({ description: "the author's display name" }),
    username: z.string(),
    followers: z.number().int().meta({ description: "the author's followers at the latest collection" }),
    created: z.iso.datetime().meta({ description: 'when it was posted, UTC' }),
    lang: z.string(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .nullable()
      .meta({
        description:
          "ISO 3166-1 alpha-2 code: the post's place's country, else the one its author's location names, else null",
      }),
    country_name: z
      .string()
      .nullable()
      .meta({ description: "the country's English name, null with country" }),
    rash: z
      .string()
      .meta({ description: 'the hashtag this entry was found under (the original API called it rash)' }),
  })
  .meta({ id: 'TweetEntry' });

export const tweetsPage = z
  .strictObject({
    tweets: z.array(tweetEntry),
    next_cursor: z
      .string()
      .nullable()
      .meta({ description: 'pass as `cursor` for the next page; null on the last page' }),
  })
  .meta({ id: 'TweetsPage' });

const topAuthor = z
  .strictObject({
    author: z.string(),
    username: z.string(),
    followers: z.number().int(),
    tweets: z.number().int().meta({ description: 'their distinct stored posts' }),
  })
  .meta({ id: 'TopAuthor' });

export const topAuthorsResponse = z
  .strictObject({
    authors: z.array(topAuthor).meta({ description: 'most followers first, each author once' }),
  })
  .meta({ id: 'TopAuthors' });

/** `GET /tweets` answers one of two shapes, chosen by whether order_by_followers_desc is given. */
export const tweetsResponse = z.union([tweetsPage, topAuthorsResponse]).meta({
  description:
    'Without order_by_followers_desc: a TweetsPage. With order_by_followers_desc=N (alone): TopAuthors. Exactly one of the two: the key `tweets` or the key `authors` tells which.',
});

export type TweetEntry = z.output<typeof tweetEntry>;
export type TopAuthorEntry = z.output<typeof topAuthor>;
