import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

export interface SseClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: SseEvent[];
  comments: string[];
  /** `retry:` values received */
  retries: number[];
  body: string;
  ended: boolean;
  /** Resolves once `count` events of `type` have arrived; fails after `timeoutMs`. */
  waitFor(type: string, count?: number, timeoutMs?: number): Promise<SseEvent[]>;
  close(): void;
}

/** Listens on a free loopback port; `close` ends every connection. */
export async function listenOnFreePort(app: Express): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** An event-stream client that parses every frame as it arrives (what EventSource does). */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      res.setEncoding('utf8');
      let buffer = '';
      const client: SseClient = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        events: [],
        comments: [],
        retries: [],
        body: '',
        ended: false,
        waitFor: (type, count = 1, timeoutMs = 5000) =>
          new Promise((done, fail) => {
            const deadline = Date.now() + timeoutMs;
            const check = () => {
              const found = client.events.filter((event) => event.event === type);
              if (found.length >= count) return done(found);
              if (Date.now() > deadline)
                return fail(new Error(`timed out waiting for ${count} ${type} events (got ${found.length})`));
              setTimeout(check, 10);
            };
            check();
          }),
        close: () => request.destroy(),
      };
      res.on('data', (chunk: string) => {
        client.body += chunk;
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          parseFrame(buffer.slice(0, end), client);
          buffer = buffer.slice(end + 2);
        }
      });
      res.on('end', () => (client.ended = true));
      res.on('close', () => (client.ended = true));
      resolve(client);
    });
    request.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
  });
}

function parseFrame(frame: string, client: SseClient): void {
  const event: SseEvent = { event: 'message', data: '' };
  const data: string[] = [];
  let isEvent = false;
  for (const line of frame.split('\n')) {
    if (line.startsWith(':')) {
      client.comments.push(line.slice(1).trim());
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'retry') client.retries.push(Number(value));
    if (field === 'id') event.id = value;
    if (field === 'event') event.event = value;
    if (field === 'data') {
      data.push(value);
      isEvent = true;
    }
  }
  event.data = data.join('\n');
  if (isEvent) client.events.push(event);
}

/** A client that sends its request and never reads: the server's writes pile up in its socket. */
export async function stalledClient(url: string): Promise<net.Socket> {
  const { port } = new URL(url);
  const socket = net.connect(Number(port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write('GET /live/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  socket.pause();
  return socket;
}
