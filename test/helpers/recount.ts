import { expect } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { counterEntities } from '../../src/models';
import { query } from '../../src/repositories/sql';
import { TEST_DIALECT } from './database';

const EPOCH_SECONDS =
  TEST_DIALECT === 'postgres'
    ? 'FLOOR(EXTRACT(EPOCH FROM CAST(created_at AS timestamptz)))'
    : "CAST(strftime('%s', created_at) AS INTEGER)";

/** Each counter table recomputed from the base tables, keyed like the table. */
export const RECOUNTS: Record<string, string> = {
  stats_posts_by_quarter_hour: `SELECT CAST(FLOOR(${EPOCH_SECONDS} / 900) AS INTEGER) AS bucket, COUNT(*) AS posts FROM posts GROUP BY 1`,
  stats_posts_by_tag_lang:
    'SELECT pt.tag, p.lang, COUNT(*) AS posts FROM post_tags pt JOIN posts p ON p.id = pt.post_id GROUP BY pt.tag, p.lang',
  stats_posts_by_country: `SELECT COALESCE(country, '') AS country, COUNT(*) AS posts FROM posts GROUP BY 1`,
  stats_posts_by_author: 'SELECT author_id, COUNT(*) AS posts FROM posts GROUP BY author_id',
  stats_posts_by_lang: 'SELECT lang, COUNT(*) AS posts FROM posts GROUP BY lang',
  stats_posts_by_tag_quarter_hour: `SELECT pt.tag, CAST(FLOOR(${EPOCH_SECONDS.replace('created_at', 'p.created_at')} / 900) AS INTEGER) AS bucket,
      COUNT(*) AS posts FROM post_tags pt JOIN posts p ON p.id = pt.post_id GROUP BY 1, 2`,
};

/** Each total of stats_totals recounted from its table (a total of 0 has no row). */
const TOTAL_RECOUNTS = "SELECT 'authors' AS name, COUNT(*) AS total FROM authors HAVING COUNT(*) > 0";

/** Rows as sorted JSON; PostgreSQL returns COUNT (a bigint) as a string, so numbers compare as numbers. */
export const rowsOf = async (dataSource: DataSource, sql: string): Promise<string[]> =>
  (await query<Record<string, unknown>>(dataSource.manager, sql))
    .map((row) =>
      JSON.stringify(row, (_key, value: unknown) =>
        /^\d+$/.test(String(value)) && typeof value !== 'object' ? Number(value) : value,
      ),
    )
    .sort();

export function counterTables(dataSource: DataSource): string[] {
  return counterEntities.map((entity) => dataSource.getMetadata(entity).tableName);
}

/** Every counter table, and every total, holds exactly what a recount of the base tables gives. */
export async function expectCountersEqualRecounts(dataSource: DataSource): Promise<void> {
  for (const table of counterTables(dataSource))
    expect(await rowsOf(dataSource, `SELECT * FROM ${table} WHERE posts > 0`)).toEqual(
      await rowsOf(dataSource, RECOUNTS[table]!),
    );
  expect(await rowsOf(dataSource, 'SELECT name, total FROM stats_totals WHERE total > 0')).toEqual(
    await rowsOf(dataSource, TOTAL_RECOUNTS),
  );
}
