import { createLogger } from '../../src/observability/logger';
import { runWithRequestId } from '../../src/observability/request-context';
import { jsonLineCapture } from '../helpers/json-lines';

const SECRETS = ['super-secret-admin-token', 'consumer/secret+value'];

function capturedLogger(level = 'info') {
  const { stream, lines } = jsonLineCapture();
  const { logger } = createLogger({ level, secrets: SECRETS, console: stream });
  return { logger, lines };
}

describe('a log line', () => {
  test('when a line is logged inside a request, then it is one JSON object with the common fields, the request id and the metadata at the top', () => {
    const { logger, lines } = capturedLogger();

    runWithRequestId('req-1', () =>
      logger.warn('slow', { event: 'test.slow', duration_ms: 12, tags: ['#sre'] }),
    );

    expect(lines).toEqual([
      {
        timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        level: 'warn',
        message: 'slow',
        service: 'twitter-api',
        request_id: 'req-1',
        event: 'test.slow',
        duration_ms: 12,
        tags: ['#sre'],
      },
    ]);
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

    expect(lines[0]).toMatchObject({ message: 'odd values', cycle: { name: 'loop', self: '[Circular]' } });
  });
});

describe('errors in a log line', () => {
  test('when an error is logged under `error`, then its name, message and stack are written', () => {
    const { logger, lines } = capturedLogger();

    logger.error('failed', { event: 'test.error', error: new TypeError('bad thing') });

    expect(lines[0]!.error).toEqual({
      name: 'TypeError',
      message: 'bad thing',
      stack: expect.stringContaining('TypeError: bad thing'),
    });
  });

  test('when an error has a code and a cause, then both are written, the cause as an error too', () => {
    const { logger, lines } = capturedLogger();
    const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

    logger.error('failed', {
      error: new Error('fetch failed', { cause }),
      others: [new RangeError('in a list')],
    });

    expect(lines[0]).toMatchObject({
      error: {
        name: 'Error',
        message: 'fetch failed',
        cause: { name: 'Error', message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' },
      },
      others: [{ name: 'RangeError', message: 'in a list' }],
    });
  });

  test('when an error is logged as the line itself, then its message is the message and the error is written', () => {
    const { logger, lines } = capturedLogger();

    logger.error(new Error('boom'));

    expect(lines[0]).toMatchObject({
      level: 'error',
      message: 'boom',
      service: 'twitter-api',
      error: { name: 'Error', message: 'boom' },
    });
  });
});

describe('secrets in a log line', () => {
  test('when configured secrets appear in any string, then each is replaced, nested and URL-encoded ones too', () => {
    const { logger, lines } = capturedLogger();

    logger.info('token super-secret-admin-token in the message', {
      nested: [{ note: 'has consumer/secret+value inside' }],
      url: `https://api.example/x?key=${encodeURIComponent('consumer/secret+value')}`,
      error: new Error('rejected super-secret-admin-token'),
    });

    expect(JSON.stringify(lines[0])).not.toMatch(
      /super-secret-admin-token|consumer\/secret\+value|consumer%2Fsecret%2Bvalue/,
    );
    expect(lines[0]).toMatchObject({
      message: 'token [REDACTED] in the message',
      nested: [{ note: 'has [REDACTED] inside' }],
      url: 'https://api.example/x?key=[REDACTED]',
      error: { message: 'rejected [REDACTED]' },
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
