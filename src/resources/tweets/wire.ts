import type { RankedAuthor, TaggedPost } from '../../repositories/tweet-reader';
import type { TopAuthorEntry, TweetEntry } from './schemas';

/** A stored post under one tag in the original API's keys (`tweet`, `created`, `rash` for the tag). */
export function toTweetEntry(post: TaggedPost): TweetEntry {
  return {
    id: post.postId,
    tweet: post.text,
    author: post.authorName,
    username: post.username,
    followers: post.followers,
    created: post.createdAt,
    lang: post.lang,
    country: post.country,
    rash: post.tag,
  };
}

export function toTopAuthorEntry(author: RankedAuthor): TopAuthorEntry {
  return {
    author: author.name,
    username: author.username,
    followers: author.followers,
    tweets: author.posts,
  };
}
