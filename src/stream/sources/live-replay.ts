import type { Corpus } from '../../x/corpus';
import type { XPost } from '../../x/wire';
import { postMatchesTerm } from '../terms';
import type { StreamPostMessage } from '../types';

const TWITTER_EPOCH_MS = 1288834974657n;

/**
 * Corpus posts as if posted now: a fresh snowflake id (time << 22 | sequence) and creation time, so a
 * replay can loop over a small corpus for ever without every lap being duplicates.
 */
export function createLiveReplay(corpus: Corpus) {
  let lastMs = 0;
  let sequence = 0;
  const freshId = (nowMs: number): string => {
    if (nowMs === lastMs) sequence += 1;
    else [lastMs, sequence] = [nowMs, 0];
    // More than 4096 posts in one millisecond borrow the next one.
    const ms = BigInt(nowMs) + BigInt(sequence >> 12);
    return (((ms - TWITTER_EPOCH_MS) << 22n) | BigInt(sequence & 4095)).toString();
  };

  /** the message of `post` matched by `terms`, with its author and place */
  return function messageOf(post: XPost, terms: readonly string[], nowMs: number): StreamPostMessage {
    const user = corpus.users.get(post.author_id);
    const place = post.geo?.place_id ? corpus.places.get(post.geo.place_id) : undefined;
    return {
      data: { ...post, id: freshId(nowMs), created_at: new Date(nowMs).toISOString() },
      includes: { users: user ? [user] : [], ...(place && { places: [place] }) },
      matching_rules: terms.filter((term) => postMatchesTerm(post, term)).map((term) => ({ tag: term })),
    };
  };
}

/** The corpus posts matching at least one term, in corpus order. */
export function postsMatching(corpus: Corpus, terms: readonly string[]): XPost[] {
  return corpus.posts.filter((post) => terms.some((term) => postMatchesTerm(post, term)));
}
