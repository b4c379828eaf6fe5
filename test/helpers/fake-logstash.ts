import net from 'node:net';

/** A TCP server standing in for Logstash's tcp input with the json_lines codec. */
export interface FakeLogstash {
  port: number;
  lines: Record<string, unknown>[];
  /** stops listening and drops every connection */
  stop(): Promise<void>;
  /** listens again on the same port */
  restart(): Promise<void>;
  waitFor(predicate: (lines: Record<string, unknown>[]) => boolean, timeoutMs?: number): Promise<void>;
}

export async function startFakeLogstash(port = 0): Promise<FakeLogstash> {
  const lines: Record<string, unknown>[] = [];
  const sockets = new Set<net.Socket>();
  let server: net.Server;
  const listen = (onPort: number) =>
    new Promise<number>((resolve) => {
      server = net.createServer((socket) => {
        sockets.add(socket);
        let buffer = '';
        socket.on('data', (chunk) => {
          buffer += chunk.toString('utf8');
          let newline;
          while ((newline = buffer.indexOf('\n')) >= 0) {
            lines.push(JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>);
            buffer = buffer.slice(newline + 1);
          }
        });
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => undefined);
      });
      server.listen(onPort, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
    });
  const actualPort = await listen(port);
  const fake: FakeLogstash = {
    port: actualPort,
    lines,
    stop: () =>
      new Promise((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
    restart: async () => {
      await listen(actualPort);
    },
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(lines)) {
        if (Date.now() > deadline)
          throw new Error(`Logstash lines did not arrive in time; got ${lines.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
  return fake;
}

/** A port nothing listens on now, for a process the test starts to bind (or a connection that must be refused). */
export async function freePort(): Promise<number> {
  // Below Linux's ephemeral range (32768-60999), which `listen(0)` and the local end of every outgoing
  // connection draw from: a port found there can be taken by another test's connection before the
  // process it is meant for binds it (seen as EADDRINUSE under CI's load). Nothing takes these by chance.
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
}

function canListen(port: number): Promise<boolean> {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
