import type { QueryRunner } from 'typeorm';
import { countryOfLocation } from '../../geo/country';
import { insertRows } from './insert-rows';
import { recountPostsByCountry } from './resolve-countries';

/**
 * For both databases: re-reads each author's stored location with the current resolver. A post's
 * country is replaced only where it is what the previous resolver read from that location (a place's
 * own code, or a location changed since, is kept); then the per-country counter is recounted.
 */
export async function reResolveCountries(
  queryRunner: QueryRunner,
  placeholder: (n: number) => string,
): Promise<void> {
  // Loaded only when the migration runs: its tables are not kept in every process that starts.
  const { countryOfLocationBefore } = await import('./country-resolver-before-regions');
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
  await insertRows(
    queryRunner,
    'reread_locations (location, before_code, after_code)',
    changed.map((row) => [row.location, row.before, row.after]),
    placeholder,
  );
  const reread = `FROM reread_locations r JOIN authors a ON a.location = r.location WHERE a.id = posts.author_id`;
  await queryRunner.query(
    `UPDATE posts SET country = (SELECT r.after_code ${reread})
      WHERE EXISTS (SELECT 1 ${reread}
        AND (posts.country = r.before_code OR (posts.country IS NULL AND r.before_code IS NULL)))`,
  );
  await queryRunner.query('DROP TABLE reread_locations');
  await recountPostsByCountry(queryRunner);
}
