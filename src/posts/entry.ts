import type { TaggedPost } from '../repositories/tweet-reader';
import type { TweetEntry } from '../resources/tweets/schemas';

/**
 * A stored post under one tag in the original API's keys (`tweet`, `created`, `rash` for the tag), its
 * country's name given: the events' publishing thread builds entries without loading the gazetteer.
 */
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
