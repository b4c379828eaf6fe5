import type { TaggedPost } from '../repositories/tweet-reader';

/**
 * A stored post under one tag in the original API's keys (`tweet`, `created`, `rash` for the tag): a
 * `/tweets` entry, a live `post` event's data and a `post.stored` event's `post`. The `/tweets`
 * resource's schema (`TweetEntry` in the OpenAPI document) describes it.
 */
export interface TweetEntry {
  id: string;
  tweet: string;
  author: string;
  username: string;
  followers: number;
  created: string;
  lang: string;
  country: string | null;
  country_name: string | null;
  rash: string;
}

/** The entry, its country's name given: the events' publishing thread builds it without the gazetteer. */
export function tweetEntry(post: TaggedPost, countryName: string | null): TweetEntry {
  return {
    id: post.postId,
    tweet: post.text,
    author: post.authorName,
    username: post.username,
    followers: post.followers,
    created: post.createdAt,
    lang: post.lang,
    country: post.country,
    country_name: countryName,
    rash: post.tag,
  };
}
