import { NO_COUNTRY, QUARTER_HOUR_SECONDS } from './counters';
import { read, type Readable } from './read';

/**
 * The aggregates of the posts that match a filter, counted from the posts themselves: the counters
 * hold every post, not one language's or one week's. Each query reads post_tags through one of its
 * indexes ((tag, lang, created_at), (tag, created_at), (lang, created_at) or (created_at)), whose
 * `created_at` and `lang` copy the post's.
 */
export interface PostFilter {
  tag?: string;
  lang?: string;
  /** ISO 8601 UTC instants, as created_at is stored: from inclusive, to exclusive */
  from?: string;
  to?: string;
}

export const isFiltered = (filter: PostFilter): boolean =>
  Object.values(filter).some((value) => value !== undefined);

/**
 * The matching posts, each once (`post_id`, `created_at`, `lang`). Under one tag a post has one link;
 * without a tag, a post under two tags has two, hence DISTINCT.
 */
function matchingPosts(filter: PostFilter): { sql: string; parameters: Record<string, unknown> } {
  const distinct = filter.tag === undefined ? 'DISTINCT ' : '';
  return {
    sql: `SELECT ${distinct}pt.post_id, pt.created_at, pt.lang FROM post_tags pt ${linkWhere(filter)}`,
    parameters: { ...filter },
  };
}

/** The WHERE clause on post_tags `pt` for a filter (empty for none). */
function linkWhere(filter: PostFilter): string {
  const where: string[] = [];
  if (filter.tag !== undefined) where.push('pt.tag = :tag');
  if (filter.lang !== undefined) where.push('pt.lang = :lang');
  if (filter.from !== undefined) where.push('pt.created_at >= :from');
  if (filter.to !== undefined) where.push('pt.created_at < :to');
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

const QUARTER_MS = QUARTER_HOUR_SECONDS * 1000;

/** Matching posts per 15-minute bucket of created_at (grouped on the text: `2026-11-20T10` and 30 / 15). */
export async function filteredPostsPerQuarterHour(
  store: Readable,
  filter: PostFilter,
): Promise<{ bucket: number; posts: number }[]> {
  const posts = matchingPosts(filter);
  const rows = await read<{ hour: string; quarter: number; posts: number }>(
    store,
    `SELECT SUBSTR(m.created_at, 1, 13) AS hour, CAST(SUBSTR(m.created_at, 15, 2) AS INTEGER) / 15 AS quarter,
            COUNT(*) AS posts
       FROM (${posts.sql}) m
      GROUP BY 1, 2`,
    posts.parameters,
  );
  return rows.map((row) => ({
    bucket: Date.parse(`${row.hour}:00:00Z`) / QUARTER_MS + Number(row.quarter),
    posts: Number(row.posts),
  }));
}

/** Matching posts per tag and language (a post under two tags counts under both), as the counter orders them. */
export async function filteredPostsPerTagAndLang(
  store: Readable,
  filter: PostFilter,
): Promise<{ tag: string; lang: string; posts: number }[]> {
  const rows = await read<{ tag: string; lang: string; posts: number }>(
    store,
    `SELECT pt.tag AS tag, pt.lang AS lang, COUNT(*) AS posts FROM post_tags pt ${linkWhere(filter)}
      GROUP BY pt.tag, pt.lang
      ORDER BY tag, posts DESC, lang`,
    { ...filter },
  );
  return rows.map((row) => ({ tag: row.tag, lang: row.lang, posts: Number(row.posts) }));
}

/** Matching posts per country, most first; null for those whose country is not known. */
export async function filteredPostsPerCountry(
  store: Readable,
  filter: PostFilter,
): Promise<{ country: string | null; posts: number }[]> {
  const posts = matchingPosts(filter);
  // The empty key, as the counter keeps it, so unknown countries sort as they do unfiltered.
  const rows = await read<{ country: string; posts: number }>(
    store,
    `SELECT COALESCE(p.country, '') AS country, COUNT(*) AS posts
       FROM (${posts.sql}) m JOIN posts p ON p.id = m.post_id
      GROUP BY COALESCE(p.country, '')
      ORDER BY posts DESC, country`,
    posts.parameters,
  );
  return rows.map((row) => ({
    country: row.country === NO_COUNTRY ? null : row.country,
    posts: Number(row.posts),
  }));
}

/** Matching posts per language, most first, then by language code. */
export async function filteredPostsPerLanguage(
  store: Readable,
  filter: PostFilter,
): Promise<{ lang: string; posts: number }[]> {
  const posts = matchingPosts(filter);
  const rows = await read<{ lang: string; posts: number }>(
    store,
    `SELECT m.lang AS lang, COUNT(*) AS posts FROM (${posts.sql}) m
      GROUP BY m.lang
      ORDER BY posts DESC, lang`,
    posts.parameters,
  );
  return rows.map((row) => ({ lang: row.lang, posts: Number(row.posts) }));
}

/** The authors of matching posts with most followers, each once, with their number of matching posts. */
export async function filteredTopAuthors(
  store: Readable,
  filter: PostFilter,
  count: number,
): Promise<{ name: string; username: string; followers: number; posts: number }[]> {
  const posts = matchingPosts(filter);
  const rows = await read<{ name: string; username: string; followers_count: number; posts: number }>(
    store,
    `SELECT a.name, a.username, a.followers_count, COUNT(*) AS posts
       FROM (${posts.sql}) m
       JOIN posts p ON p.id = m.post_id
       JOIN authors a ON a.id = p.author_id
      GROUP BY a.id, a.name, a.username, a.followers_count
      ORDER BY a.followers_count DESC, a.id DESC
      LIMIT :count`,
    { ...posts.parameters, count },
  );
  return rows.map((row) => ({
    name: row.name,
    username: row.username,
    followers: Number(row.followers_count),
    posts: Number(row.posts),
  }));
}
