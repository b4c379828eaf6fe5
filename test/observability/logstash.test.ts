import { PassThrough } from 'node:stream';
import { createLogger, type Logs } from '../../src/observability/logger';
import { runWithRequestId } from '../../src/observability/request-context';
import { freePort, startFakeLogstash, type FakeLogstash } from '../helpers/fake-logstash';

const reconnect = { initialDelayMs: 20, maxDelayMs: 100 };

function consoleCapture() {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  stream.on('data', (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach((line) => lines.push(JSON.parse(line))));
  return { stream, lines };
}

describe('logs shipped to Logstash', () => {
  let logstash: FakeLogstash | undefined;
  let logs: Logs | undefined;
  afterEach(async () => {
    await logs?.close(200);
    await logstash?.stop();
    logs = undefined;
    logstash = undefined;
  });

  test('when Logstash listens, then each line arrives as one JSON line with the common fields', async () => {
    logstash = await startFakeLogstash();
    logs = createLogger({ level: 'info', logstash: { host: '127.0.0.1', port: logstash.port, queueLimit: 100 }, secrets: [], reconnect, console: new PassThrough() });

    runWithRequestId('req-7', () => logs!.logger.info('hello', { event: 'test.event', answer: 42 }));
    await logstash.waitFor((lines) => lines.length === 1);

    expect(logstash.lines[0]).toEqual({
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      level: 'info',
      message: 'hello',
      service: 'twitter-api',
      request_id: 'req-7',
      event: 'test.event',
      answer: 42,
    });
    expect(logs.transportStats()).toEqual({ connected: true, dropped: 0, queued: 0 });
  });

  test('when Logstash is absent at start, then the process lives on, the console keeps every line, and lines arrive once it listens', async () => {
    const port = await freePort();
    const output = consoleCapture();
    logs = createLogger({ level: 'info', logstash: { host: '127.0.0.1', port, queueLimit: 100 }, secrets: [], reconnect, console: output.stream });

    for (let i = 0; i < 5; i++) logs.logger.info(`before ${i}`);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(output.lines.map((line) => line.message)).toEqual(['before 0', 'before 1', 'before 2', 'before 3', 'before 4']);
    expect(logs.transportStats()).toMatchObject({ connected: false, dropped: 0 });

    logstash = await startFakeLogstash(port);
    logs.logger.info('after');
    await logstash.waitFor((lines) => lines.length === 6);

    expect(logstash.lines.map((line) => line.message)).toEqual(['before 0', 'before 1', 'before 2', 'before 3', 'before 4', 'after']);
  });

  test('when Logstash stays down, then the queue keeps its limit, the oldest lines are dropped and counted, and the console gets all', async () => {
    const port = await freePort();
    const output = consoleCapture();
    logs = createLogger({ level: 'info', logstash: { host: '127.0.0.1', port, queueLimit: 50 }, secrets: [], reconnect, console: output.stream });

    for (let i = 0; i < 5050; i++) logs.logger.info(`line ${i}`);
    await new Promise((resolve) => setImmediate(resolve));

    expect(logs.transportStats()).toEqual({ connected: false, dropped: 5000, queued: 50 });
    expect(output.lines).toHaveLength(5050);
    logstash = await startFakeLogstash(port);
    await logstash.waitFor((lines) => lines.length === 50);
    expect(logstash.lines[0]!.message).toBe('line 5000');
  });

  test('when Logstash restarts, then the transport reconnects and lines resume', async () => {
    logstash = await startFakeLogstash();
    logs = createLogger({ level: 'info', logstash: { host: '127.0.0.1', port: logstash.port, queueLimit: 100 }, secrets: [], reconnect, console: new PassThrough() });
    logs.logger.info('first');
    await logstash.waitFor((lines) => lines.length === 1);

    await logstash.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    logs.logger.info('during the outage');
    await logstash.restart();
    logs.logger.info('after the restart');

    await logstash.waitFor((lines) => lines.some((line) => line.message === 'after the restart'));
    expect(logstash.lines.map((line) => line.message)).toEqual(['first', 'during the outage', 'after the restart']);
  });

  test('when closed with lines queued and Logstash up, then every line is delivered before close returns', async () => {
    logstash = await startFakeLogstash();
    logs = createLogger({ level: 'info', logstash: { host: '127.0.0.1', port: logstash.port, queueLimit: 10_000 }, secrets: [], reconnect, console: new PassThrough() });
    await new Promise((resolve) => setTimeout(resolve, 100));

    for (let i = 0; i < 2000; i++) logs.logger.info(`line ${i}`);
    await logs.close(5000);
    logs = undefined;

    await logstash.waitFor((lines) => lines.length === 2000, 2000);
    expect(logstash.lines.at(-1)!.message).toBe('line 1999');
  });

  test('when closed while Logstash is down, then close returns within its time limit', async () => {
    logs = createLogger({ level: 'info', logstash: { host: '127.0.0.1', port: await freePort(), queueLimit: 100 }, secrets: [], reconnect, console: new PassThrough() });
    logs.logger.info('never delivered');

    const started = Date.now();
    await logs.close(300);
    logs = undefined;

    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('what a log line may contain', () => {
  test('when secrets, tokens and Authorization headers are logged, then none is written', () => {
    const output = consoleCapture();
    const { logger } = createLogger({ level: 'info', secrets: ['super-secret-admin-token', 'bearer-xyz-123'], console: output.stream });

    logger.info('token super-secret-admin-token in the message', {
      headers: { Authorization: 'Bearer bearer-xyz-123', accept: 'json' },
      nested: [{ note: 'has bearer-xyz-123 inside' }],
      access_token: 'anything',
    });

    const line = JSON.stringify(output.lines[0]);
    expect(line).not.toMatch(/super-secret-admin-token|bearer-xyz-123|anything/);
    expect(output.lines[0]).toMatchObject({
      message: 'token [REDACTED] in the message',
      headers: { Authorization: '[REDACTED]', accept: 'json' },
      nested: [{ note: 'has [REDACTED] inside' }],
      access_token: '[REDACTED]',
    });
  });

  test('when an error is logged, then its name, message and stack are written', () => {
    const output = consoleCapture();
    const { logger } = createLogger({ level: 'info', secrets: [], console: output.stream });

    logger.error('failed', { error: new TypeError('bad thing') });

    expect(output.lines[0]!.error).toEqual({ name: 'TypeError', message: 'bad thing', stack: expect.stringContaining('TypeError: bad thing') });
  });
});
