import { read, type Readable } from './read';
import { matchCondition, type TextMatch } from './search';

/** A stored post as found under one tag, with its author. */
export interface TaggedPost {
  postId: string;
  text: string;
  authorName: string;
  username: string;
  followers: number;
  createdAt: string;
  lang: string;
  country: string | null;
  tag: string;
}

/** Position after the last entry of a page: the order key of `/tweets`. */
export interface TweetCursor {
  createdAt: string;
  postId: string;
  tag: string;
}

export interface TweetFilter {
  limit: number;
  after?: TweetCursor;
  tag?: string;
  lang?: string;
  /** ISO 8601 UTC instants, as created_at is stored: from inclusive, to exclusive */
  from?: string;
  to?: string;
  /** words that must all be in the post's text (see searchTerms); at least one when given */
  terms?: string[];
}

/**
 * One entry per post and tag, newest first. Keyset pagination on (created_at, post_id, tag) reads the
 * page straight from an index, so a deep page costs what the first one does.
 */
export async function listTweets(
  store: Readable,
  filter: TweetFilter,
): Promise<{ posts: TaggedPost[]; next: TweetCursor | null }> {
  const match = filter.terms?.length ? await matchCondition(store, filter.terms) : undefined;
  const { sql, parameters } = tweetPageQuery(filter, match);
  const rows = await read<Record<string, string | number | null>>(store, sql, parameters);
  const posts = rows.slice(0, filter.limit).map(toTaggedPost);
  const last = posts[posts.length - 1];
  const next =
    rows.length > filter.limit && last
      ? { createdAt: last.createdAt, postId: last.postId, tag: last.tag }
      : null;
  return { posts, next };
}

/**
 * The SQL of one page. Every filter reads from an index in the page's order: the links' own
 * `created_at` and `lang` copies make (created_at, post_id, tag), (tag, created_at, post_id),
 * (lang, created_at, post_id, tag) and (tag, lang, created_at, post_id) cover each case, so a
 * language without posts costs one index seek.
 */
export function tweetPageQuery(
  filter: TweetFilter,
  textMatch?: TextMatch,
): { sql: string; parameters: Record<string, unknown> } {
  const where: string[] = textMatch?.where ? [textMatch.where] : [];
  const parameters: Record<string, unknown> = { ...textMatch?.parameters, limit: filter.limit + 1 };
  if (filter.tag !== undefined) {
    where.push('pt.tag = :tag');
    parameters.tag = filter.tag;
  }
  if (filter.lang !== undefined) {
    where.push('pt.lang = :lang');
    parameters.lang = filter.lang;
  }
  if (filter.from !== undefined) {
    where.push('pt.created_at >= :from');
    parameters.from = filter.from;
  }
  if (filter.to !== undefined) {
    where.push('pt.created_at < :to');
    parameters.to = filter.to;
  }
  if (filter.after) {
    where.push('(pt.created_at, pt.post_id, pt.tag) < (:afterCreated, :afterPost, :afterTag)');
    Object.assign(parameters, {
      afterCreated: filter.after.createdAt,
      afterPost: filter.after.postId,
      afterTag: filter.after.tag,
    });
  }
  return {
    sql: `SELECT pt.post_id, p.text, a.name, a.username, a.followers_count, pt.created_at, p.lang,
            p.country, pt.tag
       FROM ${textMatch?.from ?? 'post_tags pt'}
       JOIN posts p ON p.id = pt.post_id
       JOIN authors a ON a.id = p.author_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY pt.created_at DESC, pt.post_id DESC, pt.tag DESC
      LIMIT :limit`,
    parameters,
  };
}

export function toTaggedPost(row: Record<string, string | number | null>): TaggedPost {
  return {
    postId: String(row.post_id),
    text: String(row.text),
    authorName: String(row.name),
    username: String(row.username),
    followers: Number(row.followers_count),
    createdAt: String(row.created_at),
    lang: String(row.lang),
    country: row.country === null ? null : String(row.country),
    tag: String(row.tag),
  };
}

/** An author with their followers and the number of their stored posts. */
export interface RankedAuthor {
  name: string;
  username: string;
  followers: number;
  posts: number;
}

/** The authors with most followers, each once, with their number of stored posts. */
export async function topAuthors(store: Readable, count: number): Promise<RankedAuthor[]> {
  const rows = await read<{ name: string; username: string; followers_count: number; posts: number }>(
    store,
    `SELECT a.name, a.username, a.followers_count, s.posts
       FROM authors a
       JOIN stats_posts_by_author s ON s.author_id = a.id
      WHERE s.posts > 0
      ORDER BY a.followers_count DESC, a.id DESC
      LIMIT :count`,
    { count },
  );
  return rows.map((row) => ({
    name: row.name,
    username: row.username,
    followers: Number(row.followers_count),
    posts: Number(row.posts),
  }));
}
