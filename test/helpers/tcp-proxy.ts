import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** the proxy's own port on 127.0.0.1 */
  port: number;
  /** Cuts every open connection and refuses new ones (the server behind it keeps running). */
  cut(): Promise<void>;
  /** Accepts connections again, on the same port (nothing to do when it was not cut). */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback in front of a real server, so a test can take the network away from the
 * app (cut) and give it back (restore) without stopping the machine's server.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => [client, upstream].forEach((s) => s.destroy()));
        }
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      sockets.forEach((socket) => socket.destroy());
      sockets.clear();
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });
  await listen();
  return {
    get port() {
      return port;
    },
    cut: stop,
    // A second server on the port would leak: restoring a proxy that was never cut keeps the one listening.
    restore: () => (server ? Promise.resolve() : listen()),
    close: stop,
  };
}
