import type { QueryRunner } from 'typeorm';
import { countryOfLocation } from '../../geo/country';
import { insertRows } from './insert-rows';

/**
 * For the summaries backfill of both databases: turns each stored country (a place's code, or the
 * author's free text as typed before issue 17) into an ISO 3166-1 alpha-2 code or null, then recounts
 * the per-country counter. Each distinct stored value is resolved once, in JavaScript (the resolver
 * ingest uses), and all are applied in one UPDATE through a temporary table.
 */
export async function resolveStoredCountries(
  queryRunner: QueryRunner,
  placeholder: (n: number) => string,
): Promise<void> {
  const stored = (await queryRunner.query(
    'SELECT DISTINCT country FROM posts WHERE country IS NOT NULL',
  )) as { country: string }[];
  await queryRunner.query(
    'CREATE TEMPORARY TABLE resolved_countries (stored varchar(200) PRIMARY KEY, code varchar(2))',
  );
  await insertRows(
    queryRunner,
    'resolved_countries (stored, code)',
    stored.map((row) => [row.country, countryOfLocation(row.country)]),
    placeholder,
  );
  await queryRunner.query(
    `UPDATE posts SET country = (SELECT code FROM resolved_countries WHERE stored = posts.country)
      WHERE country IS NOT NULL`,
  );
  await queryRunner.query('DROP TABLE resolved_countries');
  await recountPostsByCountry(queryRunner);
}

/** The per-country counter rebuilt from the posts, after their countries changed in bulk. */
export async function recountPostsByCountry(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query('DELETE FROM stats_posts_by_country');
  await queryRunner.query(
    `INSERT INTO stats_posts_by_country (country, posts)
     SELECT COALESCE(country, ''), COUNT(*) FROM posts GROUP BY COALESCE(country, '')`,
  );
}
