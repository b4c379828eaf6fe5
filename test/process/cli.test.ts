import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCorpus } from '../../src/x/corpus';
import { startEmulator, type Emulator } from '../../emulator/server';
import type { Faults } from '../../emulator/faults';
import { withTestDatabase } from '../helpers/database';

const root = join(__dirname, '..', '..');

async function runCollect(env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  const fullEnv = await withTestDatabase({ PATH: process.env.PATH ?? '', LOG_LEVEL: 'error', ...env });
  return new Promise((resolve) => {
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['src/cli/collect.ts'], {
      cwd: root,
      env: fullEnv,
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.resume();
    child.on('exit', (code) => resolve({ code, stdout }));
  });
}

describe('npm run collect', () => {
  let emulator: Emulator;
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'twitter-api-cli-'));
  });
  afterEach(async () => {
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function collect(faults: Faults) {
    emulator = await startEmulator({
      corpus: loadCorpus(join(root, 'data/sample/synthetic-recent-search.json')),
      port: 0,
      faults,
    });
    return runCollect({
      DATABASE_PATH: join(dir, 'cli.db'),
      TAGS: '#devops,#sre',
      COLLECT_CONCURRENCY: '1',
      TWEET_SOURCE: 'x-api',
      TWITTER_BEARER_TOKEN: 'tok-123',
      TWITTER_API_BASE_URL: emulator.url,
    });
  }

  test('when every tag is collected, then it prints each tag and the summary, and exits 0', async () => {
    const { code, stdout } = await collect({});

    expect(code).toBe(0);
    expect(stdout).toMatch(/^#devops\s+ok\s+100 new of 100 returned, 1 page$/m);
    expect(stdout).toMatch(/^collection success in [\d.]+ s from x-api: \d+ new posts of 200 returned$/m);
  });

  test('when a tag fails, then it exits 1', async () => {
    const { code, stdout } = await collect({ unavailableNext: 4 });

    expect(code).toBe(1);
    expect(stdout).toMatch(/^#devops\s+failed\s+0 new of 0 returned, 0 pages - the X API answered 503/m);
    expect(stdout).toMatch(/^#sre\s+ok/m);
  });

  test('when the credentials are refused, then it says what to fix and exits 1', async () => {
    const { code, stdout } = await collect({ unauthorized: true });

    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^run stopped: the X API rejected the credentials \(401 Unauthorized\): check TWITTER_BEARER_TOKEN/m,
    );
  });
});
