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
