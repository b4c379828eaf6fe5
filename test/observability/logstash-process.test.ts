import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../helpers/ports';

const root = join(__dirname, '..', '..');

/** A process that logs a line every 100 ms for 1.2 s with Logstash absent, then has nothing left to do. */
function script(port: number): string {
  return `
    const { createLogger } = require(${JSON.stringify(join(root, 'src/observability/logger'))});
    const logs = createLogger({
      level: 'info',
      logstash: { host: '127.0.0.1', port: ${port}, queueLimit: 5 },
      secrets: [],
      reconnect: { initialDelayMs: 20, maxDelayMs: 100 },
    });
    let tick = 0;
    const ticking = setInterval(() => {
      logs.logger.info('tick ' + tick, { stats: logs.transportStats() });
      if (++tick === 12) clearInterval(ticking);
    }, 100);
  `;
}

test('when Logstash is absent, then the process neither crashes nor stalls, and a pending reconnect does not keep it alive', async () => {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--require', join(root, 'node_modules/tsx/dist/cjs/index.cjs'), '-e', script(port)],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const started = Date.now();

  const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lines = stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { message: string; stats: { connected: boolean; dropped: number } });

  expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
  expect(lines.map((line) => line.message)).toEqual(Array.from({ length: 12 }, (_, i) => `tick ${i}`));
  expect(lines.every((line) => !line.stats.connected)).toBe(true);
  expect(lines.at(-1)!.stats.dropped).toBe(6);
  expect(Date.now() - started).toBeLessThan(5000);
});
