import { z } from 'zod';

/** The shapes of `/tweets`' answers: its entry is also what the live event stream and the events carry. */
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
