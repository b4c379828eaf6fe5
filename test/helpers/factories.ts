import type { SearchPage, XPlace, XPost, XUser } from '../../src/x/wire';
import type { StoredPost } from '../../src/events/cloud-events';
import type { StreamRun } from '../../src/repositories/stream-runs';

let sequence = 0;
const nextId = () => String(1_900_000_000_000_000_000n + BigInt(++sequence));

export function buildUser(overrides: Partial<XUser> = {}): XUser {
  const id = overrides.id ?? nextId();
  return {
    id,
    name: `User ${id.slice(-4)}`,
    username: `user${id.slice(-4)}`,
    location: undefined,
    public_metrics: { followers_count: 10, following_count: 1, tweet_count: 1, listed_count: 0 },
    ...overrides,
  };
}

export function buildPost(overrides: Partial<XPost> & { author?: XUser } = {}): XPost {
  const { author, ...rest } = overrides;
  const id = rest.id ?? nextId();
  return {
    id,
    text: `post ${id}`,
    author_id: author?.id ?? rest.author_id ?? '1',
    created_at: '2026-11-20T10:00:00.000Z',
    lang: 'en',
    edit_history_tweet_ids: [id],
    ...rest,
  };
}

export function buildPlace(overrides: Partial<XPlace> = {}): XPlace {
  return {
    id: 'place-' + nextId(),
    full_name: 'Lisbon, Portugal',
    country: 'Portugal',
    country_code: 'PT',
    place_type: 'city',
    ...overrides,
  };
}

/** A recent-search page: posts newest first, with the users and places they reference. */
export function buildPage(
  posts: XPost[],
  includes: { users?: XUser[]; places?: XPlace[] } = {},
  nextToken?: string,
): SearchPage {
  const sorted = [...posts].sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
  return {
    data: sorted,
    includes,
    meta: {
      result_count: sorted.length,
      newest_id: sorted[0]?.id,
      oldest_id: sorted.at(-1)?.id,
      ...(nextToken && { next_token: nextToken }),
    },
  };
}

/** A stored post as the writer hands it to the outbox, under one tag (`#sre`) unless told otherwise. */
export function buildStoredPost(overrides: Partial<StoredPost> & { postId: string }): StoredPost {
  const tag = overrides.tag ?? '#sre';
  return {
    text: `post ${overrides.postId}`,
    authorName: 'Ada',
    username: 'ada',
    followers: 1,
    createdAt: '2026-11-20T10:00:00.000Z',
    lang: 'en',
    country: null,
    countryName: null,
    tag,
    tags: [tag],
    ...overrides,
  };
}

/** A stream run as `insertRun` stores it when it starts: nothing received, its heartbeat at its start. */
export function buildStartedRun(run: Pick<StreamRun, 'id' | 'track' | 'startedAt'>): StreamRun {
  return {
    ...run,
    endedAt: null,
    lastHeartbeatAt: run.startedAt,
    elapsedMs: 0,
    amount: 0,
    stored: 0,
    duplicates: 0,
    lost: 0,
    reconnects: 0,
    endReason: null,
  };
}
