import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/service';
import { syntheticPages } from '../../bench/synthetic';
import { copyDatabase } from '../../src/database/copy';
import { entities } from '../../src/models';
import { storeBatch } from '../../src/repositories/post-writer';
import { testDatabaseSettings } from '../helpers/database';
import { expectCountersEqualRecounts, rowsOf } from '../helpers/recount';
import { seed } from '../helpers/seed';

describe('npm run migrate-to-postgres', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'migrate-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('when a SQLite database is copied into an empty PostgreSQL one, then every table holds the same rows, and new posts continue its event sequence', async () => {
    const sqlite = await openStore(join(dir, 'from.db'));
    const postgres = await openStore(await testDatabaseSettings(join(dir, 'to.db')));
    try {
      const pages = [...syntheticPages(1_200, { seed: 5, authors: 60 })];
      for (const { tag, page } of pages) await seed(sqlite, tag, page);

      const copied = await copyDatabase(sqlite.dataSource, postgres.dataSource);

      expect(copied.posts).toBe(1_200);
      for (const entity of entities) {
        const table = sqlite.dataSource.getMetadata(entity).tableName;
        expect(await rowsOf(postgres.dataSource, `SELECT * FROM ${table}`)).toEqual(
          await rowsOf(sqlite.dataSource, `SELECT * FROM ${table}`),
        );
      }
      await expectCountersEqualRecounts(postgres.dataSource);
      const [newest] = await sqlite.dataSource.query<{ seq: number }[]>(
        'SELECT MAX(seq) AS seq FROM post_events',
      );
      const next = pages[0]!.page;
      await storeBatch(postgres, '#brandnewtag', {
        posts: next.data!.map((post) => ({
          id: post.id,
          text: post.text,
          authorId: post.author_id,
          createdAt: post.created_at,
          lang: post.lang!,
          country: null,
        })),
        authors: [],
      });
      const [after] = await postgres.dataSource.query<{ seq: number }[]>(
        'SELECT MIN(seq) AS seq FROM post_events WHERE tag = $1',
        ['#brandnewtag'],
      );
      expect(Number(after!.seq)).toBe(Number(newest!.seq) + 1);
    } finally {
      await sqlite.close();
      await postgres.close();
    }
  });

  test('when the PostgreSQL database already holds posts, then nothing is copied and it says which table', async () => {
    const sqlite = await openStore(join(dir, 'from.db'));
    const postgres = await openStore(await testDatabaseSettings(join(dir, 'full.db')));
    try {
      const { tag, page } = [...syntheticPages(50, { seed: 6 })][0]!;
      await seed(sqlite, tag, page);
      await seed(postgres, tag, page);

      await expect(copyDatabase(sqlite.dataSource, postgres.dataSource)).rejects.toThrow(
        'posts is not empty: copy into an empty database',
      );
      expect(await rowsOf(postgres.dataSource, 'SELECT COUNT(*) AS n FROM posts')).toEqual([
        `{"n":${page.data!.length}}`,
      ]);
    } finally {
      await sqlite.close();
      await postgres.close();
    }
  });
});
