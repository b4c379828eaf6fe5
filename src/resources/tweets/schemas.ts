import { z } from 'zod';
import { integerParam, langParam, single, tagParam } from '../schemas';

export const MAX_LIMIT = 1000;

export const listTweetsQuery = z.strictObject({
  limit: integerParam(1, MAX_LIMIT).default(100).meta({ description: 'entries per page (1..1000, default 100)' }),
  cursor: single
    .max(512, 'must be a next_cursor value returned by this endpoint')
    .optional()
    .meta({ description: 'the next_cursor of the previous page' }),
  tag: tagParam.optional().meta({ description: 'only entries under this hashtag: devops or #devops' }),
  lang: langParam.optional().meta({ description: 'only posts in this language, e.g. en' }),
});

export const topAuthorsQuery = z.strictObject({
  order_by_followers_desc: integerParam(1, 1000).meta({
    description: 'answer instead with the N (1..1000) distinct authors with most followers; not combinable with other parameters',
  }),
});

export const tweetEntry = z
  .object({
    id: z.string().meta({ description: 'X post id' }),
    tweet: z.string().meta({ description: 'the post text' }),
    author: z.string().meta({ description: "the author's display name" }),
    username: z.string(),
    followers: z.number().int().meta({ description: "the author's followers at the latest collection" }),
    created: z.string().meta({ description: 'ISO 8601 UTC' }),
    lang: z.string(),
    country: z.string().nullable().meta({ description: "the place's country code, else the author's free-text location, else null" }),
    rash: z.string().meta({ description: 'the hashtag this entry was found under (the original API called it rash)' }),
  })
  .meta({ id: 'TweetEntry' });

export const tweetsPage = z
  .object({
    tweets: z.array(tweetEntry),
    next_cursor: z.string().nullable().meta({ description: 'pass as `cursor` for the next page; null on the last page' }),
  })
  .meta({ id: 'TweetsPage' });

export const topAuthorsResponse = z
  .object({
    authors: z.array(
      z.object({
        author: z.string(),
        username: z.string(),
        followers: z.number().int(),
        tweets: z.number().int().meta({ description: 'their distinct stored posts' }),
      }),
    ),
  })
  .meta({ id: 'TopAuthors' });
