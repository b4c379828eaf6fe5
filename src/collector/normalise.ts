import { countryOf } from '../geo/country';
import type { Author, Post } from '../models';
import type { PostBatch } from '../repositories/post-writer';
import type { SearchPage, XPost, XUser } from './x-wire';

const UNKNOWN_LANG = 'und';

export interface RejectedPost {
  id: string;
  reason: string;
}

/**
 * Turns one X API v2 search page into rows. The only code that knows the X API response shape.
 * A post that cannot be stored (no id, no text, an unreadable date) is set aside with the reason,
 * so one odd post never costs the rest of its page.
 */
export function normalisePage(page: SearchPage): PostBatch & { rejected: RejectedPost[] } {
  const users = new Map((page.includes?.users ?? []).map((user) => [user.id, user]));
  const places = new Map((page.includes?.places ?? []).map((place) => [place.id, place]));
  const posts: Post[] = [];
  const authors = new Map<string, Author>();
  const placeholders = new Map<string, Author>();
  const rejected: RejectedPost[] = [];
  for (const item of page.data ?? []) {
    const reason = problemWith(item);
    if (reason) {
      rejected.push({ id: String(item.id), reason });
      continue;
    }
    const user = users.get(item.author_id);
    const author = toAuthor(item.author_id, user);
    (user ? authors : placeholders).set(author.id, author);
    const place = item.geo?.place_id ? places.get(item.geo.place_id) : undefined;
    posts.push({
      id: item.id,
      text: item.text,
      authorId: item.author_id,
      createdAt: new Date(Date.parse(item.created_at)).toISOString(),
      lang: item.lang || UNKNOWN_LANG,
      // Resolved here, once per post at ingest, so no request ever resolves a location.
      country: countryOf(place?.country_code, author.location),
    });
  }
  return { posts, authors: [...authors.values()], placeholderAuthors: [...placeholders.values()], rejected };
}

function toAuthor(id: string, user: XUser | undefined): Author {
  return {
    id,
    // A post whose author is missing from `includes` (a partial error) is kept with what we know.
    name: user?.name ?? '',
    username: user?.username ?? '',
    followersCount: user?.public_metrics?.followers_count ?? 0,
    location: clean(user?.location),
  };
}

function problemWith(post: XPost): string | undefined {
  if (typeof post.id !== 'string' || !/^\d{1,19}$/.test(post.id)) return 'its id is not an X post id';
  if (typeof post.author_id !== 'string' || !/^\d{1,19}$/.test(post.author_id))
    return 'its author_id is not an X user id';
  if (typeof post.text !== 'string') return 'it has no text';
  if (typeof post.created_at !== 'string' || Number.isNaN(Date.parse(post.created_at)))
    return `its created_at is not a date: ${String(post.created_at)}`;
  return undefined;
}

function clean(value: string | undefined): string | null {
  const trimmed = value?.trim().slice(0, 200);
  return trimmed ? trimmed : null;
}
