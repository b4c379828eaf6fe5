import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/service';
import type { Store } from '../../src/repositories/store';
import { syntheticPages } from '../../bench/synthetic';
import { accentMap } from '../../src/models/migrations/postgres/1795986252800-search-index';
import { FEW_MATCHES, matchCondition } from '../../src/repositories/search';
import { query } from '../../src/repositories/sql';
import { listTweets, tweetPageQuery } from '../../src/repositories/tweet-reader';
import { testDatabaseSettings } from '../helpers/database';
import { seed } from '../helpers/seed';

describe('search on PostgreSQL', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'search-'));
    store = await openStore(await testDatabaseSettings(join(dir, 'search.db')));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('when texts with and without accented letters are indexed, then post_search_text skips translate() only where it would change nothing', async () => {
    const { from, to } = accentMap();
    const texts = [
      ...[...from].map((letter) => `x${letter}y`),
      'São Paulo',
      'ÉCOLE école',
      'plain ASCII text',
      'emoji 🚀 and 東京',
      'Ωmega × ÷ Æ ß',
      '',
    ];
    const rows = await query<{ fast: string; translated: string }>(
      store.dataSource.manager,
      'SELECT post_search_text(t) AS fast, translate(lower(t), :from, :to) AS translated FROM unnest(CAST(:texts AS text[])) AS t',
      { from, to, texts },
    );

    expect(rows).toHaveLength(texts.length);
    for (const row of rows) expect(row.fast).toBe(row.translated);
    expect(rows.slice(-6, -3).map((row) => row.fast)).toEqual([
      'sao paulo',
      'ecole ecole',
      'plain ascii text',
    ]);
  });

  describe('with more posts than FEW_MATCHES', () => {
    beforeAll(async () => {
      for (const { tag, page } of syntheticPages(FEW_MATCHES + 1_000, { seed: 11, authors: 40 }))
        await seed(store, tag, page);
      await store.dataSource.query('ANALYZE');
    });

    const plan = async (terms: string[]) => {
      const { sql, parameters } = tweetPageQuery({ limit: 100, terms }, await matchCondition(store, terms));
      const rows = await query<{ 'QUERY PLAN': string }>(
        store.dataSource.manager,
        `EXPLAIN ${sql}`,
        parameters,
      );
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    };

    test('when a word is in one post, then its page is read from the matches, never by checking the links one by one (15 s at 1M before)', async () => {
      const page = await listTweets(store, { limit: 100, terms: ['4242'] });
      const rare = await plan(['4242']);

      expect(page.posts.map((post) => post.text)).toEqual([
        expect.stringMatching(/^Synthetic post 4242 about /),
      ]);
      expect(rare).toContain('ANY');
      expect(rare).not.toContain('to_tsvector');
    });

    test('when a word is in every post, then the links are read newest first and checked until a page is full', async () => {
      const page = await listTweets(store, { limit: 100, terms: ['synthetic'] });
      const common = await plan(['synthetic']);

      expect(page.posts).toHaveLength(100);
      expect(page.next).not.toBeNull();
      expect(common).toMatch(/Index Only Scan Backward using idx_post_tags_newest/);
      expect(common).toContain('to_tsvector');
    });
  });
});
