import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

const id = (name: string, primary = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '20',
  isNullable: !primary,
});

/** Per-tag collection state: the high-water mark and the hole an interrupted run left (see the entity). */
export class CollectionState1764065000000 implements MigrationInterface {
  name = 'CollectionState1764065000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'collection_state',
        columns: [
          { name: 'tag', type: 'varchar', length: '110', isPrimary: true },
          id('newest_id'),
          id('hole_until_id'),
          id('hole_newest_id'),
          { name: 'hole_posts_owed', type: 'integer', isNullable: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('collection_state');
  }
}
