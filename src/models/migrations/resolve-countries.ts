import type { QueryRunner } from 'typeorm';
import { countryOfLocation } from '../../geo/country';

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
  for (let start = 0; start < stored.length; start += 200) {
    const part = stored.slice(start, start + 200);
    const values = part.map((_, index) => `(${placeholder(index * 2 + 1)}, ${placeholder(index * 2 + 2)})`);
    await queryRunner.query(
      `INSERT INTO resolved_countries (stored, code) VALUES ${values.join(', ')}`,
      part.flatMap((row) => [row.country, countryOfLocation(row.country)]),
    );
  }
  await queryRunner.query(
    `UPDATE posts SET country = (SELECT code FROM resolved_countries WHERE stored = posts.country)
      WHERE country IS NOT NULL`,
  );
  await queryRunner.query('DROP TABLE resolved_countries');
  await queryRunner.query('DELETE FROM stats_posts_by_country');
  await queryRunner.query(
    `INSERT INTO stats_posts_by_country (country, posts)
     SELECT COALESCE(country, ''), COUNT(*) FROM posts GROUP BY COALESCE(country, '')`,
  );
}
