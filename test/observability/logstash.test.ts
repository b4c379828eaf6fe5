import net from 'node:net';
import { PassThrough } from 'node:stream';
import { createLogger, type Logs } from '../../src/observability/logger';
import { runWithRequestId } from '../../src/observability/request-context';
import { startFakeLogstash, type FakeLogstash } from '../helpers/fake-logstash';
import { freePort } from '../helpers/ports';
import { jsonLineCapture } from '../helpers/json-lines';
import { until } from '../helpers/until';

const reconnect = { initialDelayMs: 20, maxDelayMs: 100 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function logsTo(port: number, queueLimit = 100, console: PassThrough = new PassThrough()): Logs {
  return createLogger({
    level: 'info',
    logstash: { host: '127.0.0.1', port, queueLimit },
    secrets: [],
    reconnect,
    console,
  });
}

/** A Logstash that accepts connections and never reads, so the sender's buffers fill up. */
async function startStalledLogstash(): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket.pause());
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    stop: () => {
      sockets.forEach((socket) => socket.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('logs shipped to Logstash', () => {
  let logstash: FakeLogstash | undefined;
  let logs: Logs | undefined;
  afterEach(async () => {
    await logs?.close(200);
    await logstash?.stop();
    logs = undefined;
    logstash = undefined;
    jest.restoreAllMocks();
  });

  test('when Logstash listens, then each line arrives as one JSON line with the common fields and the metadata', async () => {
    logstash = await startFakeLogstash();
    const output = jsonLineCapture();
    logs = logsTo(logstash.port, 100, output.stream);

    runWithRequestId('req-7', () =>
      logs!.logger.info('hello', { event: 'test.event', answer: 42, big: 10n }),
    );
    await logstash.waitFor((lines) => lines.length === 1);

    expect(logstash.lines[0]).toEqual({
      '@timestamp': expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      'log.level': 'info',
      message: 'hello',
      'ecs.version': '8.11.0',
      'service.name': 'twitter-api',
      'event.dataset': 'twitter-api.log',
      request_id: 'req-7',
      'event.action': 'test.event',
      answer: 42,
      big: expect.anything(),
    });
    expect(logstash.lines[0]).toEqual(output.lines[0]);
    expect(logs.transportStats()).toEqual({ connected: true, dropped: 0, queued: 0 });
  });

  test('when the console shows readable lines, then Logstash still gets the ECS JSON line', async () => {
    logstash = await startFakeLogstash();
    const console = new PassThrough();
    const text: string[] = [];
    console.on('data', (chunk: Buffer) => text.push(chunk.toString('utf8')));
    logs = createLogger({
      level: 'info',
      logstash: { host: '127.0.0.1', port: logstash.port, queueLimit: 10 },
      secrets: [],
      reconnect,
      console,
      format: 'pretty',
    });

    logs.logger.info('hello', { event: 'test.event' });
    await logstash.waitFor((lines) => lines.length === 1);

    expect(logstash.lines[0]).toMatchObject({ message: 'hello', 'event.action': 'test.event' });
    expect(text.join('')).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{3} INFO {2}hello {2}event\.action=test\.event\n$/);
  });

  test('when Logstash is absent at start, then the process lives on through its reconnects, the console keeps every line, and it shows disconnected', async () => {
    const port = await freePort();
    const attempts = jest.spyOn(net.Socket.prototype, 'connect');
    const output = jsonLineCapture();
    logs = logsTo(port, 100, output.stream);

    for (let i = 0; i < 6; i++) {
      logs.logger.info(`before ${i}`);
      await sleep(200);
    }

    expect(output.lines.map((line) => line.message)).toEqual([
      'before 0',
      'before 1',
      'before 2',
      'before 3',
      'before 4',
      'before 5',
    ]);
    expect(attempts.mock.calls.length).toBeGreaterThanOrEqual(5);
    expect(logs.transportStats()).toEqual({ connected: false, dropped: 0, queued: 6 });
  });

  test('when Logstash starts listening later, then the queued lines arrive first and new lines follow', async () => {
    const port = await freePort();
    logs = logsTo(port);
    for (let i = 0; i < 5; i++) logs.logger.info(`before ${i}`);
    await sleep(150);

    logstash = await startFakeLogstash(port);
    await logstash.waitFor((lines) => lines.length === 5);
    logs.logger.info('after');
    await logstash.waitFor((lines) => lines.length === 6);

    expect(logstash.lines.map((line) => line.message)).toEqual([
      'before 0',
      'before 1',
      'before 2',
      'before 3',
      'before 4',
      'after',
    ]);
    expect(logs.transportStats()).toEqual({ connected: true, dropped: 0, queued: 0 });
  });

  test('when Logstash stays down, then the queue keeps its limit, the oldest lines are dropped and counted, and the console gets all', async () => {
    const port = await freePort();
    const output = jsonLineCapture();
    logs = logsTo(port, 50, output.stream);

    for (let i = 0; i < 5050; i++) logs.logger.info(`line ${i}`);
    await new Promise((resolve) => setImmediate(resolve));

    expect(logs.transportStats()).toEqual({ connected: false, dropped: 5000, queued: 50 });
    expect(output.lines).toHaveLength(5050);
    logstash = await startFakeLogstash(port);
    await logstash.waitFor((lines) => lines.length === 50);
    expect(logstash.lines.map((line) => line.message)).toEqual(
      Array.from({ length: 50 }, (_, i) => `line ${5000 + i}`),
    );
  });

  test('when Logstash restarts mid-stream, then the transport reconnects and the stream of lines resumes', async () => {
    logstash = await startFakeLogstash();
    logs = logsTo(logstash.port, 1000);
    let sent = 0;
    const stream = setInterval(() => logs!.logger.info(`line ${sent++}`), 5);
    try {
      await logstash.waitFor((lines) => lines.length >= 10);

      await logstash.stop();
      await until(() => !logs!.transportStats().connected, 'the transport to see Logstash gone', 5000);
      await logstash.restart();
      const sentAtRestart = sent;
      await logstash.waitFor((lines) => lines.some((line) => line.message === `line ${sentAtRestart + 10}`));
    } finally {
      clearInterval(stream);
    }

    expect(logs.transportStats()).toMatchObject({ connected: true, dropped: 0 });
  });

  test('when closed with lines queued and Logstash up, then every line is delivered before close returns', async () => {
    logstash = await startFakeLogstash();
    logs = logsTo(logstash.port, 10_000);
    for (let i = 0; i < 2000; i++) logs.logger.info(`line ${i}`);

    await logs.close(5000);

    await logstash.waitFor((lines) => lines.length === 2000, 1000);
    expect(logstash.lines.map((line) => line.message)).toEqual(
      Array.from({ length: 2000 }, (_, i) => `line ${i}`),
    );
  });

  test('when closed while a reconnect waits and Logstash is back, then a last attempt delivers the queued lines', async () => {
    const port = await freePort();
    logs = createLogger({
      level: 'info',
      logstash: { host: '127.0.0.1', port, queueLimit: 100 },
      secrets: [],
      reconnect: { initialDelayMs: 60_000, maxDelayMs: 60_000 },
      console: new PassThrough(),
    });
    logs.logger.info('queued while down');
    await sleep(50);
    logstash = await startFakeLogstash(port);

    await logs.close(2000);

    await logstash.waitFor((lines) => lines.length === 1, 1000);
    expect(logstash.lines[0]!.message).toBe('queued while down');
  });

  test('when closed while Logstash is down, then close returns at once', async () => {
    logs = logsTo(await freePort());
    logs.logger.info('never delivered');

    const started = Date.now();
    await logs.close(3000);

    expect(Date.now() - started).toBeLessThan(500);
    expect(logs.transportStats().connected).toBe(false);
  });

  test('when Logstash stops reading, then the console keeps every line, the queue keeps its limit, and close returns at its time limit', async () => {
    const stalled = await startStalledLogstash();
    const output = jsonLineCapture();
    logs = logsTo(stalled.port, 1, output.stream);
    await until(() => logs!.transportStats().connected, 'the transport to connect', 5000);

    // More than the socket buffers on both ends hold, so this write never completes.
    logs.logger.info('big', { big: 'x'.repeat(16 * 1024 * 1024) });
    logs.logger.info('small');
    expect(logs.transportStats()).toEqual({ connected: true, dropped: 1, queued: 1 });
    const started = Date.now();
    await logs.close(300);
    const took = Date.now() - started;
    await stalled.stop();

    expect(output.lines.map((line) => line.message)).toEqual(['big', 'small']);
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(800);
  });
});
