import net from 'node:net';
import { startMain, type MainProcess } from '../helpers/main-process';

describe('starting on a port in use', () => {
  let app: MainProcess | undefined;
  let occupier: net.Server | undefined;
  afterEach(async () => {
    app?.cleanup();
    await new Promise((resolve) => occupier?.close(resolve) ?? resolve(undefined));
  });

  test('when the port is taken, then it exits 1 with one line naming the port, and neither serves nor collects', async () => {
    occupier = net.createServer();
    await new Promise<void>((resolve) => occupier!.listen(0, '127.0.0.1', resolve));
    const { port } = occupier.address() as net.AddressInfo;

    app = await startMain({ PORT: String(port), ADMIN_TOKEN: 'listen-test-admin-token-0123' });
    // 'close' comes after the exit and after stdout and stderr have been read to their end.
    const code = await new Promise<number | null>((resolve) => app!.child.once('close', resolve));

    expect(code).toBe(1);
    expect(app.stderr()).toBe(
      `Cannot listen on 127.0.0.1:${port}: the port is already in use (EADDRINUSE)\n`,
    );
    expect(app.lines.map((line) => line['event.action'])).not.toContain('app.start');
    expect(app.lines.map((line) => line['event.action'])).not.toContain('collection.start');
  });
});
