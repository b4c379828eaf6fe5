import { countryName } from '../geo/country';
import type { RankedAuthor, TaggedPost } from '../repositories/tweet-reader';
import { tweetEntry, type TweetEntry } from './entry';

/** One of the authors with most followers, in the original API's keys. */
export interface TopAuthorEntry {
  author: string;
  username: string;
  followers: number;
  tweets: number;
}

/** A stored post under one tag in the original API's keys (`tweet`, `created`, `rash` for the tag). */
export const toTweetEntry = (post: TaggedPost): TweetEntry => tweetEntry(post, countryName(post.country));

export function toTopAuthorEntry(author: RankedAuthor): TopAuthorEntry {
  return {
    author: author.name,
    username: author.username,
    followers: author.followers,
    tweets: author.posts,
  };
}
