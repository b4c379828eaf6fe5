import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/service';
import type { Store } from '../../src/repositories/store';
import { query } from '../../src/repositories/sql';
import { TEST_DIALECT, testDatabaseSettings } from '../helpers/database';
import { RECOUNTS, rowsOf } from '../helpers/recount';

const rows = (store: Store, sql: string) => query<Record<string, unknown>>(store.dataSource.manager, sql);

/** Authors and their posts as the previous resolver stored them: [location, stored country per post]. */
const STORED: [string | null, (string | null)[]][] = [
  ['Porto Alegre, RS', ['RS', 'RS']], // read as Serbia before
  ['Perth, WA', ['US']], // read as the United States before
  ['Polska', [null]], // not read before
  ['Curitiba, PR', ['PT']], // a place's own code (the location alone read PR): kept
  ['Lisbon', ['PT']], // read right before: unchanged
  ['the internet', [null]], // junk: stays null
  [null, ['JP']], // no location: the place's code stays
];

describe(`the country re-resolution migration on posts stored before it (${TEST_DIALECT})`, () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 're-resolve-countries-'));
    store = await openStore(await testDatabaseSettings(join(dir, 'old.db')));
    // Back to before the re-resolution: it and every migration after it are undone.
    const names = store.dataSource.migrations.map((migration) => migration.name);
    for (let i = names.indexOf('ReResolveCountries1796040000000'); i < names.length; i++) {
      await store.dataSource.undoLastMigration({ transaction: 'each' });
    }
    const run = (sql: string, parameters: Record<string, unknown>) =>
      query(store.dataSource.manager, sql, parameters);
    let post = 0;
    for (const [index, [location, countries]] of STORED.entries()) {
      const author = String(index + 1);
      await run(
        "INSERT INTO authors (id, name, username, followers_count, location) VALUES (:author, 'A', :author, 1, :location)",
        { author, location },
      );
      for (const country of countries) {
        post += 1;
        await run(
          "INSERT INTO posts (id, text, author_id, created_at, lang, country) VALUES (:id, 'text', :author, '2026-11-20T10:00:00.000Z', 'en', :country)",
          { id: String(1900000000000000000n + BigInt(post)), author, country },
        );
      }
    }
    await query(
      store.dataSource.manager,
      "INSERT INTO stats_posts_by_country (country, posts) SELECT COALESCE(country, ''), COUNT(*) FROM posts GROUP BY 1",
    );
    await store.dataSource.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('when migrated, then codes the previous resolver read are read again and a place code is kept', async () => {
    expect(await rows(store, 'SELECT author_id, country FROM posts ORDER BY id')).toEqual([
      { author_id: '1', country: 'BR' },
      { author_id: '1', country: 'BR' },
      { author_id: '2', country: 'AU' },
      { author_id: '3', country: 'PL' },
      { author_id: '4', country: 'PT' },
      { author_id: '5', country: 'PT' },
      { author_id: '6', country: null },
      { author_id: '7', country: 'JP' },
    ]);
  });

  test('when migrated, then the country counter equals its recount', async () => {
    expect(await rows(store, 'SELECT country, posts FROM stats_posts_by_country ORDER BY country')).toEqual([
      { country: '', posts: 1 },
      { country: 'AU', posts: 1 },
      { country: 'BR', posts: 2 },
      { country: 'JP', posts: 1 },
      { country: 'PL', posts: 1 },
      { country: 'PT', posts: 2 },
    ]);
    expect(await rowsOf(store.dataSource, 'SELECT * FROM stats_posts_by_country WHERE posts > 0')).toEqual(
      await rowsOf(store.dataSource, RECOUNTS.stats_posts_by_country!),
    );
  });
});
