import type { Author, Post } from '../models';
import type { PostBatch } from '../repositories/post-writer';
import type { SearchPage, XPost, XUser } from './types';

const UNKNOWN_LANG = 'und';

/** Turns one X API v2 search page into rows. The only code that knows the X API response shape. */
export function normalisePage(page: SearchPage): PostBatch {
  const users = new Map((page.includes?.users ?? []).map((user) => [user.id, user]));
  const places = new Map((page.includes?.places ?? []).map((place) => [place.id, place]));
  const posts: Post[] = [];
  const authors = new Map<string, Author>();
  const placeholders = new Map<string, Author>();
  for (const item of page.data ?? []) {
    const user = users.get(item.author_id);
    const author = toAuthor(item.author_id, user);
    (user ? authors : placeholders).set(author.id, author);
    const place = item.geo?.place_id ? places.get(item.geo.place_id) : undefined;
    posts.push({
      id: item.id,
      text: item.text,
      authorId: item.author_id,
      createdAt: toIsoUtc(item),
      lang: item.lang || UNKNOWN_LANG,
      country: clean(place?.country_code) ?? author.location,
    });
  }
  return { posts, authors: [...authors.values()], placeholderAuthors: [...placeholders.values()] };
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

function toIsoUtc(post: XPost): string {
  const time = Date.parse(post.created_at);
  if (Number.isNaN(time)) throw new Error(`post ${post.id} has an invalid created_at: ${post.created_at}`);
  return new Date(time).toISOString();
}

function clean(value: string | undefined): string | null {
  const trimmed = value?.trim().slice(0, 200);
  return trimmed ? trimmed : null;
}
