import { countryOf } from '../geo/country';
import type { Author, Post } from '../models';
import type { PostBatch } from '../repositories/post-writer';
import type { SearchPage, XPost, XUser } from './wire';

const UNKNOWN_LANG = 'und';
/**
 * What the columns hold (PostgreSQL enforces it, SQLite does not): a value past them, or a NUL in a
 * string, would make PostgreSQL refuse the whole page, again at every run. X stays far inside them;
 * odd input is fitted here instead.
 */
const MAX = { name: 200, username: 100, location: 200, lang: 16, int: 2_147_483_647 } as const;
/** The years the stored form (24 characters, `YYYY-MM-DDTHH:mm:ss.sssZ`) can hold. */
const FIRST_MS = Date.parse('0000-01-01T00:00:00.000Z');
const LAST_MS = Date.parse('9999-12-31T23:59:59.999Z');

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
      createdAt: new Date(Date.parse(item.created_at)).toISOString(),
      lang: languageOf(item.lang),
      // Resolved here, once per post at ingest, so no request ever resolves a location.
      country: countryOf(textOf(place?.country_code), author.location),
    });
  }
  return { posts, authors: [...authors.values()], placeholderAuthors: [...placeholders.values()], rejected };
}

function toAuthor(id: string, user: XUser | undefined): Author {
  return {
    id,
    // A post whose author is missing from `includes` (a partial error) is kept with what we know.
    name: textOf(user?.name).slice(0, MAX.name),
    username: textOf(user?.username).slice(0, MAX.username),
    followersCount: countOf(user?.public_metrics?.followers_count),
    location: clean(user?.location),
  };
}

function problemWith(post: XPost): string | undefined {
  if (typeof post.id !== 'string' || !/^\d{1,19}$/.test(post.id)) return 'its id is not an X post id';
  if (typeof post.author_id !== 'string' || !/^\d{1,19}$/.test(post.author_id))
    return 'its author_id is not an X user id';
  if (typeof post.text !== 'string') return 'it has no text';
  const ms = typeof post.created_at === 'string' ? Date.parse(post.created_at) : Number.NaN;
  if (Number.isNaN(ms)) return `its created_at is not a date: ${String(post.created_at)}`;
  if (ms < FIRST_MS || ms > LAST_MS) return `its created_at is outside years 0 to 9999: ${post.created_at}`;
  return undefined;
}

function languageOf(value: unknown): string {
  return typeof value === 'string' && /^[A-Za-z0-9-]{1,16}$/.test(value) ? value : UNKNOWN_LANG;
}

function countOf(value: unknown): number {
  return Number.isSafeInteger(value) && (value as number) >= 0 ? Math.min(value as number, MAX.int) : 0;
}

const withoutNul = (value: string): string => value.replaceAll('\u0000', '');

/** A string as a column takes it; '' for what is no string. */
function textOf(value: unknown): string {
  return typeof value === 'string' ? withoutNul(value) : '';
}

function clean(value: unknown): string | null {
  const trimmed = textOf(value).trim().slice(0, MAX.location);
  return trimmed ? trimmed : null;
}
