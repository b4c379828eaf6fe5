import { spawn, type ChildProcess } from 'node:child_process';
import { connect as netConnect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { loadConfig } from '../../src/config';
import { createService, type Service } from '../../src/service';
import { captureLogs } from '../helpers/app';
import { withTestDatabase } from '../helpers/database';
import { findTool, describeWithTool } from '../helpers/external-tool';
import { freePort } from '../helpers/ports';
import { pagesSource } from '../helpers/sources';
import { until } from '../helpers/until';

const natsServer = findTool('nats-server', ['nats-server', '/usr/sbin/nats-server']);

/** A NATS server of the test's own on a free port (the machine's server is never touched). */
async function startNatsServer(args: string[]): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(natsServer!, ['-a', '127.0.0.1', '-p', String(port), ...args], { stdio: 'ignore' });
  await until(
    () =>
      new Promise<boolean>((resolve) => {
        const socket = netConnect(port, '127.0.0.1');
        socket.once('data', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      }),
    'the test NATS server',
    10_000,
  );
  return { port, child };
}

describeWithTool(natsServer)('events when the NATS configuration is wrong', () => {
  const servers: ChildProcess[] = [];
  const services: Service[] = [];
  const dirs: string[] = [];

  afterAll(async () => {
    for (const service of services) await service.stop();
    servers.forEach((child) => child.kill('SIGTERM'));
    dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  /** Starts the app with NATS_URL and returns the one line it logged about NATS, after a few retries. */
  async function problemLine(natsUrl: string): Promise<{ message: string; service: Service }> {
    const dir = mkdtempSync(join(tmpdir(), 'events-bad-'));
    dirs.push(dir);
    const logs = captureLogs();
    const config = loadConfig(
      await withTestDatabase({
        DATABASE_PATH: join(dir, 't.db'),
        HOST: '127.0.0.1',
        PORT: '0',
        TWEET_SOURCE: 'sample',
        NATS_URL: natsUrl,
      }),
    );
    const service = await createService({ config, logs, source: pagesSource({}) });
    services.push(service);
    await service.start();
    await until(
      () => logs.logs.some((line) => line['event.action'] === 'events.nats_error'),
      'the NATS line',
    );
    await new Promise((resolve) => setTimeout(resolve, 1500)); // retries meanwhile log nothing more
    const lines = logs.logs.filter((line) => line['event.action'] === 'events.nats_error');
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(logs.logs)).not.toContain('hunter22');
    // The API still serves reads.
    await supertest(service.http).get('/tweets').expect(200);
    return { message: String(lines[0]!.message), service };
  }

  it('when NATS_URL is not a NATS URL, then one line says so without the password', async () => {
    const { message } = await problemLine('http://user:hunter22@example.com');
    expect(message).toBe('NATS_URL is not a list of nats:// or tls:// URLs (http://***@example.com)');
  });

  it('when the credentials are wrong, then one line says NATS refused them, without them', async () => {
    const storage = mkdtempSync(join(tmpdir(), 'js-'));
    dirs.push(storage);
    const { port, child } = await startNatsServer([
      '-js',
      '-sd',
      storage,
      '--user',
      'app',
      '--pass',
      'right-pass',
    ]);
    servers.push(child);
    const { message } = await problemLine(`nats://app:hunter22@127.0.0.1:${port}`);
    expect(message).toBe(
      `NATS at nats://***@127.0.0.1:${port} refused the credentials of NATS_URL (authorization violation)`,
    );
  });

  it('when the server has no JetStream, then one line says so', async () => {
    const { port, child } = await startNatsServer([]);
    servers.push(child);
    const { message } = await problemLine(`nats://127.0.0.1:${port}`);
    expect(message).toBe(
      `NATS at nats://127.0.0.1:${port} has no JetStream (start nats-server with -js, or enable it for the account)`,
    );
  });
});
