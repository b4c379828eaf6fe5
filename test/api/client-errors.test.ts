import net from 'node:net';
import type { Server } from 'node:http';
import { createHttpServer, listen } from '../../src/http-server';
import { buildTestApp, captureLogger, type TestApp } from '../helpers/app';
import { until } from '../helpers/until';

/** Sends raw bytes and resolves with everything the server answered until it closed the socket. */
function rawRequest(port: number, ...writes: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.on('connect', () => writes.forEach((data) => socket.write(data)));
  });
}

function parseResponse(raw: string) {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => [
      line.slice(0, line.indexOf(':')).toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim(),
    ]),
  );
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: JSON.parse(body) as Record<string, unknown>,
  };
}

describe('requests Node refuses before Express sees them', () => {
  let app: TestApp;
  let server: Server;
  let port: number;
  let logs: Record<string, unknown>[];
  const connections = () =>
    new Promise<number>((resolve, reject) =>
      server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
    );
  const start = async (env: Record<string, string> = {}) => {
    app = await buildTestApp({ env });
    const captured = captureLogger();
    logs = captured.logs;
    server = createHttpServer(app.http, app.config.http, captured.logger);
    await listen(server, 0, '127.0.0.1');
    port = (server.address() as net.AddressInfo).port;
  };
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  });

  test.each([
    ['a malformed request line', 'NOT HTTP AT ALL\r\n\r\n', 400, 'The request is not valid HTTP/1.1.'],
    [
      'headers over 16 KiB',
      `GET /tweets HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'The request headers are too large.',
    ],
    [
      'a chunked body with oversized chunk extensions',
      `GET /tweets HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1;${'e'.repeat(20_000)}\r\n`,
      413,
      'The chunk extensions of the body are too large.',
    ],
  ])(
    'when %s arrives, then the answer is problem+json with the status',
    async (_name, request, status, detail) => {
      await start();

      const response = parseResponse(await rawRequest(port, request));

      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      // The API set, as on every other problem+json answer.
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(response.body).toEqual({
        type: 'about:blank',
        title: expect.any(String),
        status,
        detail,
        instance: response.headers['x-request-id'],
      });
      expect(logs).toContainEqual(
        expect.objectContaining({
          'event.action': 'http.client_error',
          status,
          request_id: response.headers['x-request-id'],
        }),
      );
    },
  );

  test('when a client sends its headers slower than HTTP_HEADERS_TIMEOUT_MS, then it gets 408 problem+json and the socket is closed', async () => {
    await start({ HTTP_HEADERS_TIMEOUT_MS: '300', HTTP_REQUEST_TIMEOUT_MS: '300' });
    const startedMs = Date.now();

    const response = parseResponse(await rawRequest(port, 'GET /tweets HTTP/1.1\r\nHost: x\r\n'));

    expect(response.status).toBe(408);
    expect(response.body).toMatchObject({ status: 408, title: 'Request Timeout' });
    expect(Date.now() - startedMs).toBeLessThan(5000);
  });

  test('when more connections than HTTP_MAX_CONNECTIONS are open, then the next one is dropped and a request after they close is served', async () => {
    await start({ HTTP_MAX_CONNECTIONS: '2', LIVE_MAX_CLIENTS: '1' });
    const open = await Promise.all(
      [1, 2].map(
        () =>
          new Promise<net.Socket>((resolve) => {
            const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
          }),
      ),
    );
    await until(async () => (await connections()) === 2, 'the server to hold both connections', 5000);

    const dropped = await rawRequest(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n').catch(() => '');
    open.forEach((socket) => socket.destroy());
    await until(async () => (await connections()) === 0, 'the server to see them closed', 5000);
    const served = await fetch(`http://127.0.0.1:${port}/healthz`);

    expect(dropped).toBe('');
    expect(served.status).toBe(200);
    expect(logs).toContainEqual(
      expect.objectContaining({ 'event.action': 'http.connections_dropped', dropped: 1 }),
    );
  });

  test('when a well-formed request arrives, then Express answers it as before', async () => {
    await start();

    const response = parseResponse(
      await rawRequest(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
    );

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });
});
