import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/service';
import { query } from '../../src/repositories/sql';
import { TEST_DIALECT, testDatabaseSettings, withTestDatabase } from '../helpers/database';
import { expectCountersEqualRecounts, rowsOf } from '../helpers/recount';

const root = join(__dirname, '..', '..');

/** `npm run collect` as a real process on the bundled sample, into the database at `databasePath`. */
async function collect(databasePath: string, tags: string): Promise<{ code: number | null; stderr: string }> {
  const env = await withTestDatabase({
    PATH: process.env.PATH ?? '',
    LOG_LEVEL: 'error',
    DATABASE_PATH: databasePath,
    TWEET_SOURCE: 'sample',
    TAGS: tags,
    TWEETS_PER_TAG: '1000',
  });
  return new Promise((resolve) => {
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['src/cli/collect.ts'], { cwd: root, env });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

const TAGS = ['#devops', '#sre', '#observability', '#metrics'];

describe(`concurrent writers on one database (${TEST_DIALECT})`, () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'concurrent-writers-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('when three processes collect overlapping tags at once, then every counter equals a recount and the data equals one serial collection', async () => {
    const shared = join(dir, 'shared.db');
    const serial = join(dir, 'serial.db');
    // Each tag is collected by two of the three processes; most posts carry several of these tags.
    const runs = await Promise.all(
      [
        [TAGS[0], TAGS[1], TAGS[2]],
        [TAGS[1], TAGS[2], TAGS[3]],
        [TAGS[2], TAGS[3], TAGS[0]],
      ].map((tags) => collect(shared, tags.join(','))),
    );
    expect(runs.map((run) => [run.code, run.stderr])).toEqual(runs.map(() => [0, '']));
    expect(await collect(serial, TAGS.join(','))).toEqual({ code: 0, stderr: '' });

    const concurrent = await openStore(await testDatabaseSettings(shared));
    const reference = await openStore(await testDatabaseSettings(serial));
    try {
      await expectCountersEqualRecounts(concurrent.dataSource);
      for (const table of [
        'posts',
        'post_tags',
        'authors',
        'stats_posts_by_tag_lang',
        'stats_posts_by_country',
      ])
        expect(await rowsOf(concurrent.dataSource, `SELECT * FROM ${table}`)).toEqual(
          await rowsOf(reference.dataSource, `SELECT * FROM ${table}`),
        );
      const [counted] = await query<{ links: string }>(
        concurrent.dataSource.manager,
        'SELECT COUNT(*) AS links FROM post_tags',
      );
      // Not a trivially small case: the sample has 630 links under these four tags.
      expect(Number(counted?.links)).toBe(630);
    } finally {
      await concurrent.close();
      await reference.close();
    }
  }, 120_000);
});
