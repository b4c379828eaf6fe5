import net from 'node:net';
import { buildTestApp } from '../helpers/app';
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

describe('starting on PORT=0', () => {
  test('when PORT is 0, then the system picks the port and the app.start line names the one bound', async () => {
    const app = await buildTestApp({ env: { HOST: '127.0.0.1', PORT: '0' } });
    try {
      const { port } = (await app.start()).address() as net.AddressInfo;

      expect(port).toBeGreaterThan(0);
      const started = app.logs.find((line) => line['event.action'] === 'app.start');
      expect(started?.message).toBe(`listening on http://127.0.0.1:${port} with the sample source`);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
