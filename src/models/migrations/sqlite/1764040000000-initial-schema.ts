import {
  Table,
  TableIndex,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
} from 'typeorm';

const id = (name: string, primary = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '20',
  isPrimary: primary,
});
const counter: TableColumnOptions = { name: 'posts', type: 'integer' };

/** Written with TypeORM's schema API, not SQL text, so the same migration runs on PostgreSQL. */
export class InitialSchema1764040000000 implements MigrationInterface {
  name = 'InitialSchema1764040000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.createTable(table);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await queryRunner.dropTable(table.name);
  }
}

const TABLES = [
  new Table({
    name: 'posts',
    columns: [
      id('id', true),
      { name: 'text', type: 'text' },
      id('author_id'),
      { name: 'created_at', type: 'varchar', length: '24' },
      { name: 'lang', type: 'varchar', length: '16' },
      { name: 'country', type: 'varchar', length: '200', isNullable: true },
    ],
    // SQLite only (other databases ignore it): the primary key is the table, not a second B-tree.
    withoutRowid: true,
  }),
  new Table({
    name: 'authors',
    columns: [
      id('id', true),
      { name: 'name', type: 'varchar', length: '200' },
      { name: 'username', type: 'varchar', length: '100' },
      { name: 'followers_count', type: 'integer' },
      { name: 'location', type: 'varchar', length: '200', isNullable: true },
    ],
    indices: [new TableIndex({ name: 'idx_authors_followers', columnNames: ['followers_count', 'id'] })],
  }),
  new Table({
    name: 'post_tags',
    columns: [
      id('post_id', true),
      { name: 'tag', type: 'varchar', length: '110', isPrimary: true },
      { name: 'created_at', type: 'varchar', length: '24' },
    ],
    withoutRowid: true,
    indices: [
      new TableIndex({ name: 'idx_post_tags_newest', columnNames: ['created_at', 'post_id', 'tag'] }),
      new TableIndex({ name: 'idx_post_tags_tag_newest', columnNames: ['tag', 'created_at', 'post_id'] }),
    ],
  }),
  new Table({
    name: 'stats_posts_by_quarter_hour',
    columns: [{ name: 'bucket', type: 'integer', isPrimary: true }, counter],
  }),
  new Table({
    name: 'stats_posts_by_tag_lang',
    columns: [
      { name: 'tag', type: 'varchar', length: '110', isPrimary: true },
      { name: 'lang', type: 'varchar', length: '16', isPrimary: true },
      counter,
    ],
  }),
  new Table({
    name: 'stats_posts_by_country',
    columns: [{ name: 'country', type: 'varchar', length: '200', isPrimary: true }, counter],
  }),
  new Table({ name: 'stats_posts_by_author', columns: [id('author_id', true), counter] }),
];
