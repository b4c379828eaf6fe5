import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** One row counting committed writes, so cached aggregate answers know when they are stale. */
export class DataVersion1764050000000 implements MigrationInterface {
  name = 'DataVersion1764050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'data_version',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'version', type: 'integer' },
        ],
      }),
    );
    await queryRunner.query('INSERT INTO data_version (id, version) VALUES (1, 0)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('data_version');
  }
}
