import type { MigrationInterface, QueryRunner } from 'typeorm';
import { resolveStoredCountries } from '../resolve-countries';

/**
 * Written by hand, after the generated SummaryCounters: fills the new counters from the posts stored
 * before them, and resolves the stored countries to codes (see resolve-countries.ts).
 */
export class SummariesBackfill1795985283900 implements MigrationInterface {
  name = 'SummariesBackfill1795985283900';

  async up(queryRunner: QueryRunner): Promise<void> {
    const bucket = "CAST(strftime('%s', created_at) AS INTEGER) / 900";
    await queryRunner.query(
      'INSERT INTO stats_posts_by_lang (lang, posts) SELECT lang, COUNT(*) FROM posts GROUP BY lang',
    );
    await queryRunner.query(
      `INSERT INTO stats_posts_by_tag_quarter_hour (tag, bucket, posts)
       SELECT tag, ${bucket}, COUNT(*) FROM post_tags GROUP BY tag, ${bucket}`,
    );
    await resolveStoredCountries(queryRunner, () => '?');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The free text a code was resolved from is not kept: the codes stay, and their counter with them.
    await queryRunner.query('DELETE FROM stats_posts_by_tag_quarter_hour');
    await queryRunner.query('DELETE FROM stats_posts_by_lang');
  }
}
