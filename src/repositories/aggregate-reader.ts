import type { DataSource } from 'typeorm';
import { NO_COUNTRY, QUARTER_HOUR_SECONDS } from './counters';
import { read } from './read';

export async function postsPerQuarterHour(
  dataSource: DataSource,
): Promise<{ bucket: number; posts: number }[]> {
  const rows = await read<{ bucket: number; posts: number }>(
    dataSource,
    'SELECT bucket, posts FROM stats_posts_by_quarter_hour WHERE posts > 0',
  );
  return rows.map((row) => ({ bucket: Number(row.bucket), posts: Number(row.posts) }));
}

export const bucketStartMs = (bucket: number) => bucket * QUARTER_HOUR_SECONDS * 1000;

export async function postsPerTagAndLang(
  dataSource: DataSource,
): Promise<{ tag: string; lang: string; posts: number }[]> {
  const rows = await read<{ tag: string; lang: string; posts: number }>(
    dataSource,
    'SELECT tag, lang, posts FROM stats_posts_by_tag_lang WHERE posts > 0 ORDER BY tag, posts DESC, lang',
  );
  return rows.map((row) => ({ ...row, posts: Number(row.posts) }));
}

export async function postsPerCountry(
  dataSource: DataSource,
): Promise<{ country: string | null; posts: number }[]> {
  const rows = await read<{ country: string; posts: number }>(
    dataSource,
    'SELECT country, posts FROM stats_posts_by_country WHERE posts > 0 ORDER BY posts DESC, country',
  );
  return rows.map((row) => ({
    country: row.country === NO_COUNTRY ? null : row.country,
    posts: Number(row.posts),
  }));
}

export async function countStored(dataSource: DataSource): Promise<{ posts: number; authors: number }> {
  const [row] = await read<{ posts: number; authors: number }>(
    dataSource,
    'SELECT (SELECT COUNT(*) FROM posts) AS posts, (SELECT COUNT(*) FROM authors) AS authors',
  );
  return { posts: Number(row?.posts ?? 0), authors: Number(row?.authors ?? 0) };
}
