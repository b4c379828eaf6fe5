import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The post's language beside each link, so `/tweets?lang=` reads a page from an index in keyset order
 * whatever the language, instead of scanning the links for posts in it. Plain ALTER TABLE, which
 * PostgreSQL shares: TypeORM's addColumn would rebuild the table on SQLite.
 */
export class PostTagLang1764060000000 implements MigrationInterface {
  name = 'PostTagLang1764060000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE post_tags ADD COLUMN lang varchar(16) NOT NULL DEFAULT ''");
    await queryRunner.query(
      'UPDATE post_tags SET lang = (SELECT posts.lang FROM posts WHERE posts.id = post_tags.post_id)',
    );
    await queryRunner.createIndex(
      'post_tags',
      new TableIndex({
        name: 'idx_post_tags_lang_newest',
        columnNames: ['lang', 'created_at', 'post_id', 'tag'],
      }),
    );
    await queryRunner.createIndex(
      'post_tags',
      new TableIndex({
        name: 'idx_post_tags_tag_lang_newest',
        columnNames: ['tag', 'lang', 'created_at', 'post_id'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('post_tags', 'idx_post_tags_tag_lang_newest');
    await queryRunner.dropIndex('post_tags', 'idx_post_tags_lang_newest');
    await queryRunner.query('ALTER TABLE post_tags DROP COLUMN lang');
  }
}
