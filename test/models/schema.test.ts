import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { syntheticPages } from '../../bench/synthetic';
import { closeDatabase, openDatabase } from '../../src/database';
import { counterEntities, entities } from '../../src/models';
import { query } from '../../src/repositories/sql';
import { ADMIN_TOKEN, buildTestApp } from '../helpers/app';
import { seed } from '../helpers/seed';

/** Each counter table recomputed from the base tables, keyed like the table. */
const RECOUNTS: Record<string, string> = {
  stats_posts_by_quarter_hour: `SELECT CAST(strftime('%s', created_at) AS INTEGER) / 900 AS bucket, COUNT(*) AS posts FROM posts GROUP BY bucket`,
  stats_posts_by_tag_lang:
    'SELECT pt.tag, p.lang, COUNT(*) AS posts FROM post_tags pt JOIN posts p ON p.id = pt.post_id GROUP BY pt.tag, p.lang',
  stats_posts_by_country: `SELECT COALESCE(country, '') AS country, COUNT(*) AS posts FROM posts GROUP BY 1`,
  stats_posts_by_author: 'SELECT author_id, COUNT(*) AS posts FROM posts GROUP BY author_id',
};

const rowsOf = async (dataSource: DataSource, sql: string) =>
  (await query<Record<string, unknown>>(dataSource.manager, sql)).map((row) => JSON.stringify(row)).sort();

describe('the entities are the one schema source', () => {
  let dir: string;
  let dataSource: DataSource;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'schema-test-'));
    dataSource = await openDatabase(join(dir, 's.db'));
  });
  afterAll(async () => {
    await closeDatabase(dataSource);
    rmSync(dir, { recursive: true, force: true });
  });

  test('when a database is freshly migrated, then TypeORM finds no difference from the entities', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  test('when a database is freshly migrated, then it has exactly the tables of the entities (and the migrations log)', async () => {
    const tables = await query<{ name: string }>(
      dataSource.manager,
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    );
    const expected = entities.map((entity) => dataSource.getMetadata(entity).tableName);
    expect(tables.map((t) => t.name).sort()).toEqual([...expected, 'migrations'].sort());
  });

  test('when every migration is reverted, then no table of an entity is left', async () => {
    const other = await openDatabase(join(dir, 'reverted.db'));
    const applied = async () => (await query(other.manager, 'SELECT id FROM migrations')).length;
    while ((await applied()) > 0) await other.undoLastMigration({ transaction: 'each' });
    const tables = await query<{ name: string }>(
      other.manager,
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    );
    expect(tables.map((t) => t.name)).toEqual(['migrations']);
    await closeDatabase(other);
  });
});

describe('counter tables, listed by their entities', () => {
  test('when posts are stored, re-stored under other tags and deleted, then every counter table equals its recount', async () => {
    const app = await buildTestApp();
    const tables = counterEntities.map((entity) => app.dataSource.getMetadata(entity).tableName);
    // A counter entity without a recount here is a counter nobody proved right.
    expect(Object.keys(RECOUNTS).sort()).toEqual([...tables].sort());
    const expectEqualRecounts = async () => {
      for (const table of tables)
        expect(await rowsOf(app.dataSource, `SELECT * FROM ${table} WHERE posts > 0`)).toEqual(
          await rowsOf(app.dataSource, RECOUNTS[table]!),
        );
    };

    const pages = [...syntheticPages(1_500, { seed: 11, authors: 80 })];
    for (const { tag, page } of pages) await seed(app.dataSource, tag, page);
    for (const { page } of pages.slice(0, 4)) await seed(app.dataSource, '#sre', page);
    await expectEqualRecounts();
    expect((await rowsOf(app.dataSource, RECOUNTS.stats_posts_by_author!)).length).toBeGreaterThan(10);

    await app.api.delete('/database').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
    for (const entity of entities.filter((e) => e.options.tableName !== 'data_version'))
      expect(
        await rowsOf(app.dataSource, `SELECT * FROM ${app.dataSource.getMetadata(entity).tableName}`),
      ).toEqual([]);
    await expectEqualRecounts();
    await app.close();
  });
});
