import type { Store } from './store';
import { NO_COUNTRY, QUARTER_HOUR_SECONDS } from './counters';
import { read } from './read';

export async function postsPerQuarterHour(store: Store): Promise<{ bucket: number; posts: number }[]> {
  const rows = await read<{ bucket: number; posts: number }>(
    store,
    'SELECT bucket, posts FROM stats_posts_by_quarter_hour WHERE posts > 0',
  );
  return rows.map((row) => ({ bucket: Number(row.bucket), posts: Number(row.posts) }));
}

export const bucketStartMs = (bucket: number) => bucket * QUARTER_HOUR_SECONDS * 1000;

export async function postsPerTagAndLang(
  store: Store,
): Promise<{ tag: string; lang: string; posts: number }[]> {
  const rows = await read<{ tag: string; lang: string; posts: number }>(
    store,
    'SELECT tag, lang, posts FROM stats_posts_by_tag_lang WHERE posts > 0 ORDER BY tag, posts DESC, lang',
  );
  return rows.map((row) => ({ ...row, posts: Number(row.posts) }));
}

export async function postsPerCountry(store: Store): Promise<{ country: string | null; posts: number }[]> {
  const rows = await read<{ country: string; posts: number }>(
    store,
    'SELECT country, posts FROM stats_posts_by_country WHERE posts > 0 ORDER BY posts DESC, country',
  );
  return rows.map((row) => ({
    country: row.country === NO_COUNTRY ? null : row.country,
    posts: Number(row.posts),
  }));
}

export async function countStored(store: Store): Promise<{ posts: number; authors: number }> {
  const [row] = await read<{ posts: number; authors: number }>(
    store,
    // Counters kept with every write (always equal to a recount): a COUNT(*) of posts or authors scans
    // them all on PostgreSQL (138 ms for 1M posts), on every scrape.
    `SELECT (SELECT COALESCE(SUM(posts), 0) FROM stats_posts_by_quarter_hour) AS posts,
            (SELECT COALESCE(SUM(total), 0) FROM stats_totals WHERE name = 'authors') AS authors`,
  );
  return { posts: Number(row?.posts ?? 0), authors: Number(row?.authors ?? 0) };
}

/** Distinct posts per language, most first; under one tag when given (stats_posts_by_tag_lang). */
export async function postsPerLanguage(
  store: Store,
  tag?: string,
): Promise<{ lang: string; posts: number }[]> {
  const rows = await read<{ lang: string; posts: number }>(
    store,
    tag === undefined
      ? 'SELECT lang, posts FROM stats_posts_by_lang WHERE posts > 0 ORDER BY posts DESC, lang'
      : 'SELECT lang, posts FROM stats_posts_by_tag_lang WHERE tag = :tag AND posts > 0 ORDER BY posts DESC, lang',
    { tag },
  );
  return rows.map((row) => ({ lang: row.lang, posts: Number(row.posts) }));
}

/**
 * Distinct posts per 15-minute bucket in [fromBucket, toBucket), of one tag when given; buckets without
 * posts are left out. At most 96 rows a day of range, whatever the number of posts.
 */
export async function postsPerQuarterHourBetween(
  store: Store,
  range: { fromBucket: number; toBucket: number; tag?: string },
): Promise<{ bucket: number; posts: number }[]> {
  const rows = await read<{ bucket: number; posts: number }>(
    store,
    range.tag === undefined
      ? `SELECT bucket, posts FROM stats_posts_by_quarter_hour
          WHERE bucket >= :fromBucket AND bucket < :toBucket AND posts > 0`
      : `SELECT bucket, posts FROM stats_posts_by_tag_quarter_hour
          WHERE tag = :tag AND bucket >= :fromBucket AND bucket < :toBucket AND posts > 0`,
    range,
  );
  return rows.map((row) => ({ bucket: Number(row.bucket), posts: Number(row.posts) }));
}
