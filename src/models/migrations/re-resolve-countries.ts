import type { QueryRunner } from 'typeorm';
import { countryOfLocation } from '../../geo/country';
import { countryOfLocationBefore } from './country-resolver-before-regions';

/**
 * For both databases: re-reads each author's stored location with the current resolver. A post's
 * country is replaced only where it is what the previous resolver read from that location (a place's
 * own code, or a location changed since, is kept); then the per-country counter is recounted.
 */
export async function reResolveCountries(
  queryRunner: QueryRunner,
  placeholder: (n: number) => string,
): Promise<void> {
  const stored = (await queryRunner.query(
    'SELECT DISTINCT location FROM authors WHERE location IS NOT NULL',
  )) as { location: string }[];
  const changed = stored
    .map(({ location }) => ({
      location,
      before: countryOfLocationBefore(location),
      after: countryOfLocation(location),
    }))
    .filter(({ before, after }) => before !== after);
  await queryRunner.query(
    'CREATE TEMPORARY TABLE reread_locations (location varchar(200) PRIMARY KEY, before_code varchar(2), after_code varchar(2))',
  );
  for (let start = 0; start < changed.length; start += 200) {
    const part = changed.slice(start, start + 200);
    const values = part.map((_, i) => `(${[1, 2, 3].map((k) => placeholder(i * 3 + k)).join(', ')})`);
    await queryRunner.query(
      `INSERT INTO reread_locations (location, before_code, after_code) VALUES ${values.join(', ')}`,
      part.flatMap((row) => [row.location, row.before, row.after]),
    );
  }
  const reread = `FROM reread_locations r JOIN authors a ON a.location = r.location WHERE a.id = posts.author_id`;
  await queryRunner.query(
    `UPDATE posts SET country = (SELECT r.after_code ${reread})
      WHERE EXISTS (SELECT 1 ${reread}
        AND (posts.country = r.before_code OR (posts.country IS NULL AND r.before_code IS NULL)))`,
  );
  await queryRunner.query('DROP TABLE reread_locations');
  await queryRunner.query('DELETE FROM stats_posts_by_country');
  await queryRunner.query(
    `INSERT INTO stats_posts_by_country (country, posts)
     SELECT COALESCE(country, ''), COUNT(*) FROM posts GROUP BY COALESCE(country, '')`,
  );
}
