import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');

describe('the SQLite driver on this Node version', () => {
  test('when thousands of statements were prepared and garbage-collected, then the process still exits 0', () => {
    // On Node 24 better-sqlite3 12 aborts at exit when statements are freed without a context
    // (src/sqlite-driver.ts); CI runs this suite on Node 24.
    const dir = mkdtempSync(join(tmpdir(), 'twitter-api-driver-'));
    const script = `
      const { openDatabase } = require('./src/database');
      (async () => {
        const database = await openDatabase(${JSON.stringify(join(dir, 'd.db'))});
        for (let i = 0; i < 3000; i++) await database.dataSource.query('SELECT ' + i + ' AS n');
        for (let round = 0; round < 20; round++) Array.from({ length: 1e5 }, (_, i) => ({ i }));
        await database.close();
        process.stdout.write('closed');
      })();`;
    const result = spawnSync(join(root, 'node_modules/.bin/tsx'), ['-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    rmSync(dir, { recursive: true, force: true });

    expect({ status: result.status, signal: result.signal, stdout: result.stdout }).toEqual({
      status: 0,
      signal: null,
      stdout: 'closed',
    });
  });
});
