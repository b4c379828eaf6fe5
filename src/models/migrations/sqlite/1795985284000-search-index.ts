import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: an FTS5 virtual table is not an entity, so `migration:generate` cannot see it (and
 * the schema test lists its tables apart). Contentless (`content=''`) because posts is WITHOUT ROWID
 * with a text key, which an external-content table cannot point at; its rowid is the numeric post id
 * (X ids fit in 63 bits), the text stays in posts only. `contentless_delete=1` lets DELETE /database
 * empty it. unicode61 with diacritics removed: "sao" finds "São". Filled here from the posts stored
 * before; the writer keeps it in sync (src/repositories/search.ts).
 */
export class SearchIndex1795985284000 implements MigrationInterface {
  name = 'SearchIndex1795985284000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE VIRTUAL TABLE posts_fts USING fts5(text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')",
    );
    await queryRunner.query(
      'INSERT INTO posts_fts (rowid, text) SELECT CAST(id AS INTEGER), text FROM posts',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE posts_fts');
  }
}
