import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startFakeLogstash, type FakeLogstash } from '../helpers/fake-logstash';

const root = join(__dirname, '..', '..');

function runCrashing(kind: string, logstashPort: number) {
  const child = spawn(
    join(root, 'node_modules/.bin/tsx'),
    ['test/fixtures/process/crash.ts', kind, String(logstashPort)],
    { cwd: root, env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  return new Promise<{ code: number | null; lines: Record<string, unknown>[] }>((resolve) =>
    child.once('exit', (code) =>
      resolve({
        code,
        lines: stdout
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as Record<string, unknown>),
      }),
    ),
  );
}

describe('a crash', () => {
  let logstash: FakeLogstash;
  beforeEach(async () => {
    logstash = await startFakeLogstash();
  });
  afterEach(() => logstash.stop());

  test.each([
    ['rejection', 'unhandled promise rejection; exiting', 'rejected on purpose'],
    ['exception', 'uncaught exception; exiting', 'thrown on purpose'],
  ])(
    'when an unhandled %s happens, then it is logged with its stack on stdout and in Logstash, and the process exits 1',
    async (kind, message, errorMessage) => {
      const { code, lines } = await runCrashing(kind, logstash.port);

      const expected = expect.objectContaining({
        'log.level': 'error',
        'event.action': 'app.crash',
        message,
        'error.message': errorMessage,
        'error.stack_trace': expect.stringContaining(errorMessage),
      });
      expect(code).toBe(1);
      expect(lines.filter((line) => line['event.action'] === 'app.crash')).toEqual([expected]);
      expect(logstash.lines.filter((line) => line['event.action'] === 'app.crash')).toEqual([expected]);
    },
  );
});
