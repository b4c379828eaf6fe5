import { createLogger } from '../../src/observability/logger';
import { runWithRequestId } from '../../src/observability/request-context';
import { PassThrough } from 'node:stream';
import { jsonLineCapture } from '../helpers/json-lines';

const SECRETS = ['super-secret-admin-token', 'consumer/secret+value'];

function capturedLogger(level = 'info') {
  const { stream, lines } = jsonLineCapture();
  const { logger } = createLogger({ level, secrets: SECRETS, console: stream });
  return { logger, lines };
}

describe('a log line', () => {
  test('when a line is logged inside a request, then it is one ECS JSON object with the common fields, the request id and the metadata at the top', () => {
    const { logger, lines } = capturedLogger();

    runWithRequestId('req-1', () =>
      logger.warn('slow', { event: 'test.slow', delay_ms: 12, tags: ['#sre'] }),
    );

    expect(lines).toEqual([
      {
        '@timestamp': expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        'log.level': 'warn',
        message: 'slow',
        'ecs.version': '8.11.0',
        'service.name': 'twitter-api',
        'event.dataset': 'twitter-api.log',
        'event.action': 'test.slow',
        request_id: 'req-1',
        delay_ms: 12,
        tags: ['#sre'],
      },
    ]);
  });

  test('when a line is given a request id of its own, then it wins over the one of the request it is written in', () => {
    const { logger, lines } = capturedLogger();

    runWithRequestId('req-1', () => logger.info('finished', { request_id: 'req-2' }));

    expect(lines[0]!.request_id).toBe('req-2');
  });

  test('when a field is named like an ECS field set but holds a word, then it moves under twitter_api so Elasticsearch keeps the line', () => {
    const { logger, lines } = capturedLogger();

    logger.info('collection started', { source: 'sample', url: 'https://api.example/2', tag: '#sre' });

    expect(lines[0]).toMatchObject({
      'twitter_api.source': 'sample',
      'twitter_api.url': 'https://api.example/2',
      tag: '#sre',
    });
    expect(lines[0]).not.toHaveProperty('source');
    expect(lines[0]).not.toHaveProperty('url');
  });

  test('when a line is logged outside a request, then it has no request id', () => {
    const { logger, lines } = capturedLogger();

    logger.info('started');

    expect(lines[0]).not.toHaveProperty('request_id');
  });

  test('when a line is below the level, then nothing is written', () => {
    const { logger, lines } = capturedLogger('warn');

    logger.info('chatty');

    expect(lines).toEqual([]);
  });

  test('when metadata holds a BigInt or a cycle, then the line is still written', () => {
    const { logger, lines } = capturedLogger();
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle.self = cycle;

    logger.info('odd values', { count: 10n, cycle });

    expect(lines[0]).toMatchObject({
      message: 'odd values',
      count: '10',
      cycle: { name: 'loop', self: '[Circular]' },
    });
  });
});

describe('errors in a log line', () => {
  test('when an error is logged under `error`, then its type, message and stack trace are written as ECS error fields', () => {
    const { logger, lines } = capturedLogger();

    logger.error('failed', { event: 'test.error', error: new TypeError('bad thing') });

    expect(lines[0]).toMatchObject({
      'error.type': 'TypeError',
      'error.message': 'bad thing',
      'error.stack_trace': expect.stringContaining('TypeError: bad thing'),
    });
    expect(lines[0]).not.toHaveProperty('error');
  });

  test('when a word is logged as the error, then it is the error message', () => {
    const { logger, lines } = capturedLogger();

    logger.warn('tag stopped', { error: 'timeout' });

    expect(lines[0]).toMatchObject({ 'error.message': 'timeout' });
    expect(lines[0]).not.toHaveProperty(['error.type']);
  });

  test('when the error is null, as on a tag that succeeded, then the line has no error fields', () => {
    const { logger, lines } = capturedLogger();

    logger.info('collected #sre: ok', { tag: '#sre', error: null });

    expect(Object.keys(lines[0]!).filter((key) => key.startsWith('error'))).toEqual([]);
  });

  test('when an error has a code and a cause, then both are written, the cause as text with its own code, and errors in other fields stay whole', () => {
    const { logger, lines } = capturedLogger();
    const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

    logger.error('failed', {
      error: new Error('fetch failed', { cause }),
      others: [new RangeError('in a list')],
    });

    expect(lines[0]).toMatchObject({
      'error.type': 'Error',
      'error.message': 'fetch failed',
      'error.cause': 'Error: connect ECONNREFUSED (ECONNREFUSED)',
      others: [{ name: 'RangeError', message: 'in a list' }],
    });
  });

  test('when an error is logged as the line itself, then its message is the message and the error is written', () => {
    const { logger, lines } = capturedLogger();

    logger.error(new Error('boom'));

    expect(lines[0]).toMatchObject({
      'log.level': 'error',
      message: 'boom',
      'service.name': 'twitter-api',
      'error.type': 'Error',
      'error.message': 'boom',
    });
  });
});

describe('secrets in a log line', () => {
  test('when configured secrets appear in any string, then each is replaced, nested and URL-encoded ones too', () => {
    const { logger, lines } = capturedLogger();

    logger.info('token super-secret-admin-token in the message', {
      nested: [{ note: 'has consumer/secret+value inside' }],
      link: `https://api.example/x?key=${encodeURIComponent('consumer/secret+value')}`,
      error: new Error('rejected super-secret-admin-token'),
    });

    expect(JSON.stringify(lines[0])).not.toMatch(
      /super-secret-admin-token|consumer\/secret\+value|consumer%2Fsecret%2Bvalue/,
    );
    expect(lines[0]).toMatchObject({
      message: 'token [REDACTED] in the message',
      nested: [{ note: 'has [REDACTED] inside' }],
      link: 'https://api.example/x?key=[REDACTED]',
      'error.message': 'rejected [REDACTED]',
    });
  });

  test('when Authorization headers, cookies, passwords or tokens are logged under their names, then their values are masked', () => {
    const { logger, lines } = capturedLogger();

    logger.info('request', {
      headers: { Authorization: 'Bearer abc', 'x-admin-token': 'abc', Cookie: 'sid=1', accept: 'json' },
      access_token: 'abc',
      bearerToken: 'abc',
      password: 'abc',
      next_token: 'page-2',
    });

    expect(lines[0]).toMatchObject({
      headers: {
        Authorization: '[REDACTED]',
        'x-admin-token': '[REDACTED]',
        Cookie: '[REDACTED]',
        accept: 'json',
      },
      access_token: '[REDACTED]',
      bearerToken: '[REDACTED]',
      password: '[REDACTED]',
      next_token: 'page-2',
    });
  });

  test('when an unlisted token appears as a bearer credential or a token parameter, then it is replaced', () => {
    const { logger, lines } = capturedLogger();

    logger.info(
      'GET /2/tweets?access_token=abc123&max=10 with Authorization: Bearer AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid',
    );

    expect(lines[0]!.message).toBe(
      'GET /2/tweets?access_token=[REDACTED]&max=10 with Authorization: Bearer [REDACTED]',
    );
  });

  test('when metadata with secrets is logged, then the caller’s object is left as it was', () => {
    const { logger } = capturedLogger();
    const headers = { authorization: 'Bearer super-secret-admin-token' };

    logger.info('request', { headers });

    expect(headers).toEqual({ authorization: 'Bearer super-secret-admin-token' });
  });
});

describe('readable lines for a terminal', () => {
  const textCapture = (isTTY: boolean) => {
    const stream = Object.assign(new PassThrough(), { isTTY });
    const text: string[] = [];
    stream.on('data', (chunk: Buffer) => text.push(chunk.toString('utf8')));
    return { stream, text: () => text.join('') };
  };

  test('when the console is a terminal and no format is set, then lines are readable text with the level, message and fields, and the stack below', () => {
    const { stream, text } = textCapture(true);
    const { logger } = createLogger({ level: 'info', secrets: SECRETS, console: stream });

    runWithRequestId('req-7', () =>
      logger.error('failed super-secret-admin-token', { event: 'test.error', error: new Error('boom') }),
    );

    const [head, ...stack] = text().trimEnd().split('\n');
    const ESC = String.fromCharCode(27);
    expect(head!.split(ESC).join('ESC')).toMatch(
      /^\d{2}:\d{2}:\d{2}\.\d{3} ESC\[31mERRORESC\[0m failed \[REDACTED\] {2}request_id=req-7 event\.action=test\.error error\.type=Error error\.message=boom$/,
    );
    expect(stack[0]).toBe('    Error: boom');
    expect(text()).not.toContain('{"');
  });

  test('when the console is not a terminal and no format is set, then lines are ECS JSON', () => {
    const { stream, text } = textCapture(false);
    const { logger } = createLogger({ level: 'info', secrets: SECRETS, console: stream });

    logger.info('hello', { n: 10n });

    expect(JSON.parse(text())).toMatchObject({ 'log.level': 'info', message: 'hello', n: '10' });
  });

  test('when LOG_FORMAT is set, then it wins over the terminal check either way', () => {
    const toTerminal = textCapture(true);
    const toPipe = textCapture(false);
    createLogger({ level: 'info', secrets: [], console: toTerminal.stream, format: 'json' }).logger.info('a');
    createLogger({ level: 'info', secrets: [], console: toPipe.stream, format: 'pretty' }).logger.warn('b', {
      tag: '#two words',
    });

    expect(JSON.parse(toTerminal.text())).toMatchObject({ message: 'a' });
    expect(toPipe.text()).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{3} WARN {2}b {2}tag="#two words"\n$/);
  });
});
