import net from 'node:net';

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
