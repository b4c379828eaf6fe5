import { randomUUID } from 'node:crypto';
import { createServer, STATUS_CODES, type RequestListener, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'winston';
import type { HttpServerLimits } from './config';
import { PROBLEM_CONTENT_TYPE } from './errors';
import { API_HEADERS } from './security-headers';

/** A socket the answer was written to is closed this long after, whether or not the client read it. */
const LINGER_MS = 2000;
/** At most one line about dropped connections this often, however many are dropped. */
const DROP_LOG_INTERVAL_MS = 10_000;

/** What Node's parser refused, as the status Node itself would have sent (without a body). */
const CLIENT_ERRORS: Record<string, { status: number; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, detail: 'The request headers are too large.' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, detail: 'The chunk extensions of the body are too large.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: 'The request was not received in time.' },
};
const MALFORMED = { status: 400, detail: 'The request is not valid HTTP/1.1.' };
const API_HEADER_LINES = API_HEADERS.map(([name, value]) => `${name}: ${value}\r\n`).join('');

/**
 * The HTTP server around the app, with the limits from the configuration, and problem+json answers
 * for what Node refuses before Express sees a request (a malformed request, oversized headers, a
 * client too slow to send its request).
 */
export function createHttpServer(app: RequestListener, limits: HttpServerLimits, logger: Logger): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks the two timeouts above every 30 s by default, which would let a slow client keep
      // its socket up to 30 s longer than configured.
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
    app,
  );
  server.maxConnections = limits.maxConnections;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) =>
    answerClientError(error, socket, logger),
  );
  server.on('drop', throttledDropLog(logger, limits.maxConnections));
  return server;
}

function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, logger: Logger): void {
  // A reset or a socket already answered on cannot carry a response.
  if (error.code === 'ECONNRESET' || !socket.writable || (socket as { bytesWritten?: number }).bytesWritten) {
    socket.destroy();
    return;
  }
  const { status, detail } = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED;
  const requestId = randomUUID();
  const title = STATUS_CODES[status] ?? 'Error';
  const body = JSON.stringify({ type: 'about:blank', title, status, detail, instance: requestId });
  logger.warn(`refused a request Node could not read: ${status} ${error.code ?? error.message}`, {
    event: 'http.client_error',
    status,
    code: error.code,
    client_ip: (socket as { remoteAddress?: string }).remoteAddress,
    request_id: requestId,
  });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\n` +
      `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Request-Id: ${requestId}\r\n` +
      API_HEADER_LINES +
      'Connection: close\r\n\r\n' +
      body,
  );
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

function throttledDropLog(logger: Logger, maxConnections: number): () => void {
  let dropped = 0;
  let lastLogMs = 0;
  return () => {
    dropped++;
    const now = Date.now();
    if (now - lastLogMs < DROP_LOG_INTERVAL_MS) return;
    logger.warn(`dropped ${dropped} connection(s) beyond HTTP_MAX_CONNECTIONS=${maxConnections}`, {
      event: 'http.connections_dropped',
      dropped,
    });
    dropped = 0;
    lastLogMs = now;
  };
}

export class ListenError extends Error {
  override name = 'ListenError';
}

/** Listens, or rejects with one line naming the address when it cannot (a port in use, say). */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'the port is already in use' : error.message;
      reject(new ListenError(`Cannot listen on ${host}:${port}: ${why} (${error.code ?? 'error'})`));
    };
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve();
    });
  });
}
