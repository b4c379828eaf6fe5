import { countryOf } from '../geo/country';
import type { Author, Post } from '../models';
import type { PostBatch } from '../repositories/post-writer';
import type { SearchPage, XPost, XUser } from './x-wire';

const UNKNOWN_LANG = 'und';
/**
 * What the columns hold (PostgreSQL enforces it, SQLite does not): a value past them, or a NUL in a
 * string, would make PostgreSQL refuse the whole page, again at every run. X stays far inside them;
 * odd input is fitted here instead.
 */
const MAX = { name: 200, username: 100, location: 200, lang: 16, int: 2_147_483_647 } as const;

export interface RejectedPost {
  id: string;
  reason: string;
}

/**
 * Turns one X API v2 search page into rows. The only code that knows the X API response shape.
 * A post that cannot be stored (no id, no text, an unreadable date) is set aside with the reason,
 * so one odd post never costs the rest of its page; odd fields are fitted to the columns.
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
      text: withoutNul(item.text),
      authorId: item.author_id,
      createdAt: isoDate(item.created_at)!,
      lang: languageOf(item.lang),
      // Resolved here, once per post at ingest, so no request ever resolves a location.
      country: countryOf(stringOr(place?.country_code, ''), author.location),
    });
  }
  return { posts, authors: [...authors.values()], placeholderAuthors: [...placeholders.values()], rejected };
}

function toAuthor(id: string, user: XUser | undefined): Author {
  return {
    id,
    // A post whose author is missing from `includes` (a partial error) is kept with what we know.
    name: stringOr(user?.name, '').slice(0, MAX.name),
    username: stringOr(user?.username, '').slice(0, MAX.username),
    followersCount: countOf(user?.public_metrics?.followers_count),
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
  if (isoDate(post.created_at) === undefined)
    return `its created_at is outside years 0 to 9999: ${post.created_at}`;
  return undefined;
}

/** The date as stored (24 characters), or undefined when it is none or out of that form's years. */
function isoDate(value: unknown): string | undefined {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) return undefined;
  const iso = new Date(ms).toISOString();
  return iso.length === 24 ? iso : undefined;
}

function languageOf(value: unknown): string {
  return typeof value === 'string' && /^[A-Za-z0-9-]{1,16}$/.test(value) ? value : UNKNOWN_LANG;
}

function countOf(value: unknown): number {
  return Number.isSafeInteger(value) && (value as number) >= 0 ? Math.min(value as number, MAX.int) : 0;
}

const withoutNul = (value: string): string => value.replaceAll('\u0000', '');

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? withoutNul(value) : fallback;
}

function clean(value: unknown): string | null {
  const trimmed = stringOr(value, '').trim().slice(0, MAX.location);
  return trimmed ? trimmed : null;
}
