import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/service';
import type { Store } from '../../src/repositories/store';
import { query } from '../../src/repositories/sql';
import { TEST_DIALECT, testDatabaseSettings } from '../helpers/database';

const rows = (store: Store, sql: string) => query<Record<string, unknown>>(store.dataSource.manager, sql);

/** Posts stored before issue 17: countries as the old collector kept them (a place code or free text). */
const OLD_POSTS: [string, string, string, string, string | null][] = [
  ['1900000000000000001', 'Deploy day in Lisboa', '2026-11-20T10:05:00.000Z', 'pt', 'PT'],
  ['1900000000000000002', 'Observability talk', '2026-11-20T10:20:00.000Z', 'en', 'Lisbon, Portugal'],
  ['1900000000000000003', 'Logs everywhere', '2026-11-20T11:00:00.000Z', 'en', 'the cloud ☁️'],
  ['1900000000000000004', 'Métricas e alertas', '2026-11-21T09:00:00.000Z', 'pt', null],
  ['1900000000000000005', '東京 meetup on tracing', '2026-11-21T09:10:00.000Z', 'ja', '東京'],
];

describe('the summaries migrations on a database of posts stored before them', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'summaries-migration-'));
    store = await openStore(await testDatabaseSettings(join(dir, 'old.db')));
    // Back to the schema before issue 17: every migration from the new counters on undone.
    const applied = async () =>
      (await query<{ name: string }>(store.dataSource.manager, 'SELECT name FROM migrations')).map(
        (row) => row.name,
      );
    while ((await applied()).some((name) => name.startsWith('SummaryCounters')))
      await store.dataSource.undoLastMigration({ transaction: 'each' });
    const run = (sql: string, parameters: Record<string, unknown> = {}) =>
      query(store.dataSource.manager, sql, parameters);
    await run(
      "INSERT INTO authors (id, name, username, followers_count, location) VALUES ('1', 'Ana', 'ana', 10, NULL)",
    );
    for (const [id, text, createdAt, lang, country] of OLD_POSTS) {
      const values = { id, text, createdAt, lang, country };
      await run(
        "INSERT INTO posts (id, text, author_id, created_at, lang, country) VALUES (:id, :text, '1', :createdAt, :lang, :country)",
        values,
      );
      await run(
        "INSERT INTO post_tags (post_id, tag, created_at, lang) VALUES (:id, '#devops', :createdAt, :lang)",
        values,
      );
    }
    await run(
      "INSERT INTO post_tags (post_id, tag, created_at, lang) VALUES ('1900000000000000002', '#sre', '2026-11-20T10:20:00.000Z', 'en')",
    );
    await run(
      "INSERT INTO stats_posts_by_country (country, posts) SELECT COALESCE(country, ''), COUNT(*) FROM posts GROUP BY 1",
    );
    await store.dataSource.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('when migrated, then each stored country is a code or null, and the country counter is recounted', async () => {
    expect(await rows(store, 'SELECT id, country FROM posts ORDER BY id')).toEqual([
      { id: '1900000000000000001', country: 'PT' },
      { id: '1900000000000000002', country: 'PT' },
      { id: '1900000000000000003', country: null },
      { id: '1900000000000000004', country: null },
      { id: '1900000000000000005', country: 'JP' },
    ]);
    expect(await rows(store, 'SELECT country, posts FROM stats_posts_by_country ORDER BY country')).toEqual([
      { country: '', posts: 2 },
      { country: 'JP', posts: 1 },
      { country: 'PT', posts: 2 },
    ]);
  });

  test('when migrated, then the new counters hold the posts stored before', async () => {
    expect(await rows(store, 'SELECT lang, posts FROM stats_posts_by_lang ORDER BY lang')).toEqual([
      { lang: 'en', posts: 2 },
      { lang: 'ja', posts: 1 },
      { lang: 'pt', posts: 2 },
    ]);
    const bucket = (iso: string) => Date.parse(iso) / 900_000;
    expect(
      await rows(
        store,
        'SELECT tag, bucket, posts FROM stats_posts_by_tag_quarter_hour ORDER BY tag, bucket',
      ),
    ).toEqual([
      { tag: '#devops', bucket: bucket('2026-11-20T10:00:00Z'), posts: 1 },
      { tag: '#devops', bucket: bucket('2026-11-20T10:15:00Z'), posts: 1 },
      { tag: '#devops', bucket: bucket('2026-11-20T11:00:00Z'), posts: 1 },
      { tag: '#devops', bucket: bucket('2026-11-21T09:00:00Z'), posts: 2 },
      { tag: '#sre', bucket: bucket('2026-11-20T10:15:00Z'), posts: 1 },
    ]);
  });

  test('when migrated, then the search index finds the posts stored before', async () => {
    const match = (word: string) =>
      rows(
        store,
        TEST_DIALECT === 'postgres'
          ? `SELECT id FROM posts WHERE post_search_vector(text) @@ to_tsquery('simple', '${word}') ORDER BY id`
          : `SELECT CAST(rowid AS TEXT) AS id FROM posts_fts WHERE posts_fts MATCH '"${word}"' ORDER BY rowid`,
      );
    expect(await match('metricas')).toEqual([{ id: '1900000000000000004' }]);
    expect(await match('東京')).toEqual([{ id: '1900000000000000005' }]);
    expect(await match('logs')).toEqual([{ id: '1900000000000000003' }]);
  });
});
