import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/service';
import type { Store } from '../../src/repositories/store';
import { syntheticPages } from '../../bench/synthetic';
import { entities } from '../../src/models';
import { query } from '../../src/repositories/sql';
import { ADMIN_TOKEN, buildTestApp } from '../helpers/app';
import { counterTables, expectCountersEqualRecounts, RECOUNTS, rowsOf } from '../helpers/recount';
import { TEST_DIALECT, testDatabaseSettings } from '../helpers/database';
import { seed } from '../helpers/seed';

const TABLES =
  TEST_DIALECT === 'postgres'
    ? 'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()'
    : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";

/** The full-text index is the one table that is not an entity: SQLite's FTS5 table and its shadow tables. */
const SEARCH_TABLES =
  TEST_DIALECT === 'postgres'
    ? []
    : ['posts_fts', 'posts_fts_config', 'posts_fts_data', 'posts_fts_docsize', 'posts_fts_idx'];

describe(`the entities are the one schema source (${TEST_DIALECT})`, () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'schema-test-'));
    store = await openStore(await testDatabaseSettings(join(dir, 's.db')));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('when a database is freshly migrated, then TypeORM finds no difference from the entities', async () => {
    const pending = await store.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  test('when a database is freshly migrated, then it has exactly the tables of the entities (and the migrations log)', async () => {
    const tables = await query<{ name: string }>(store.dataSource.manager, TABLES);
    const expected = entities.map((entity) => store.dataSource.getMetadata(entity).tableName);
    expect(tables.map((t) => t.name).sort()).toEqual([...expected, ...SEARCH_TABLES, 'migrations'].sort());
  });

  test('when every migration is reverted, then no table of an entity is left', async () => {
    const other = await openStore(await testDatabaseSettings(join(dir, 'reverted.db')));
    const applied = async () => (await query(other.dataSource.manager, 'SELECT id FROM migrations')).length;
    while ((await applied()) > 0) await other.dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await query<{ name: string }>(other.dataSource.manager, TABLES);
    expect(tables.map((t) => t.name)).toEqual(['migrations']);
    await other.close();
  });
});

describe('counter tables, listed by their entities', () => {
  test('when posts are stored, re-stored under other tags and deleted, then every counter table equals its recount', async () => {
    const app = await buildTestApp();
    const tables = counterTables(app.dataSource);
    // A counter entity without a recount here is a counter nobody proved right.
    expect(Object.keys(RECOUNTS).sort()).toEqual([...tables].sort());
    const expectEqualRecounts = () => expectCountersEqualRecounts(app.dataSource);

    const pages = [...syntheticPages(1_500, { seed: 11, authors: 80 })];
    for (const { tag, page } of pages) await seed(app.store, tag, page);
    for (const { page } of pages.slice(0, 4)) await seed(app.store, '#sre', page);
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
