import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accented Latin letters (Latin-1 and Latin Extended-A) and the letter each is without its accent. */
export function accentMap(): { from: string; to: string } {
  let from = '';
  let to = '';
  for (let code = 0xc0; code <= 0x17f; code += 1) {
    const letter = String.fromCharCode(code);
    const bare = letter.normalize('NFKD').replace(/\p{M}/gu, '');
    if (bare.length === 1 && bare !== letter) {
      from += letter;
      to += bare;
    }
  }
  return { from, to };
}

/**
 * Written by hand: an expression index is not an entity's, so `migration:generate` cannot write it.
 * Full-text search over posts.text: a GIN index on post_search_vector(text), the 'simple' configuration
 * (no stemming, no stop words, every language alike) over the text lower-cased with its accents
 * removed, so "sao" finds "São" as SQLite's FTS5 index (remove_diacritics) does. The accents are
 * removed by translate() with a fixed map (built-in and IMMUTABLE, as an index needs), not by the
 * unaccent extension: an extension lives in one schema of a database, which a schema per instance
 * would not see. src/repositories/search.ts queries the same functions, so the index is used.
 */
export class SearchIndex1795986252800 implements MigrationInterface {
  name = 'SearchIndex1795986252800';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { from, to } = accentMap();
    await queryRunner.query(
      `CREATE FUNCTION post_search_text(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT translate(lower($1), '${from}', '${to}') $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION post_search_vector(text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT to_tsvector('simple'::regconfig, post_search_text($1)) $$`,
    );
    await queryRunner.query(
      'CREATE INDEX idx_posts_text_search ON posts USING GIN (post_search_vector(text))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX idx_posts_text_search');
    await queryRunner.query('DROP FUNCTION post_search_vector(text)');
    await queryRunner.query('DROP FUNCTION post_search_text(text)');
  }
}
