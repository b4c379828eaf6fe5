import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/service';
import type { Store } from '../../src/repositories/store';
import type { PostsStored } from '../../src/notifications/posts-stored';
import { postgresTransport, type PostgresTransport } from '../../src/notifications/postgres-transport';
import { captureLogger } from '../helpers/app';
import { testDatabaseSettings } from '../helpers/database';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { until } from '../helpers/until';

interface Replica {
  store: Store;
  transport: PostgresTransport;
  heard: PostsStored[];
  listening: { value: number };
  logs: Record<string, unknown>[];
}

describe('"posts stored" between replicas through PostgreSQL LISTEN/NOTIFY', () => {
  let dir: string;
  let proxy: TcpProxy;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'notify-'));
    proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
  });
  afterEach(async () => {
    for (const replica of replicas.splice(0)) {
      await replica.transport.close();
      await replica.store.close();
    }
  });
  afterAll(async () => {
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A replica on the database known as `path`, listening (through the proxy when asked). */
  async function replica(path: string, options: { throughProxy?: boolean } = {}): Promise<Replica> {
    const settings = await testDatabaseSettings(join(dir, path));
    if (options.throughProxy) {
      const url = new URL(settings.postgres!.url);
      url.port = String(proxy.port);
      settings.postgres = { ...settings.postgres!, url: url.toString() };
    }
    const store = await openStore(settings);
    const { logger, logs } = captureLogger();
    const listening = { value: 0 };
    const transport = postgresTransport({
      dataSource: store.dataSource,
      logger,
      listening: { set: (value) => (listening.value = value) },
      reconnect: { baseMs: 50, maxMs: 200 },
    });
    const heard: PostsStored[] = [];
    transport.subscribe((stored) => heard.push(stored));
    transport.listen();
    const made = { store, transport, heard, listening, logs };
    replicas.push(made);
    await until(() => listening.value === 1, 'listening', 10_000);
    return made;
  }

  test('when B stores posts, then A hears them once, merged per tag, and B hears its own only in process', async () => {
    const a = await replica('one.db');
    const b = await replica('one.db');

    b.transport.publish({ tag: '#devops', firstSeq: 1, lastSeq: 3 });
    b.transport.publish({ tag: '#devops', firstSeq: 4, lastSeq: 5 });
    b.transport.publish({ tag: '#sre', firstSeq: 6, lastSeq: 6 });
    await until(() => a.heard.length === 2, 'A hearing B', 5000);
    await new Promise((resolve) => setTimeout(resolve, 200)); // a repeat would arrive meanwhile

    expect(a.heard).toEqual([
      { tag: '#devops', firstSeq: 1, lastSeq: 5 },
      { tag: '#sre', firstSeq: 6, lastSeq: 6 },
    ]);
    expect(b.heard).toEqual([
      { tag: '#devops', firstSeq: 1, lastSeq: 3 },
      { tag: '#devops', firstSeq: 4, lastSeq: 5 },
      { tag: '#sre', firstSeq: 6, lastSeq: 6 },
    ]);
  });

  test('when replicas use another schema of the same server, then they never hear each other', async () => {
    const a = await replica('one.db');
    const other = await replica('other.db');
    const b = await replica('one.db');

    other.transport.publish({ tag: '#devops', firstSeq: 100, lastSeq: 100 });
    b.transport.publish({ tag: '#devops', firstSeq: 7, lastSeq: 7 });
    await until(() => a.heard.length === 1, 'A hearing B', 5000);
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(a.heard).toEqual([{ tag: '#devops', firstSeq: 7, lastSeq: 7 }]);
    expect(other.heard).toEqual([{ tag: '#devops', firstSeq: 100, lastSeq: 100 }]);
  });

  test('when the listening connection is cut, then it says so once, and listens again when the network returns', async () => {
    const a = await replica('one.db', { throughProxy: true });
    const b = await replica('one.db');

    await proxy.cut();
    await until(() => a.listening.value === 0, 'the gauge falling', 5000);
    b.transport.publish({ tag: '#devops', firstSeq: 8, lastSeq: 8 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(a.heard).toEqual([]); // found by polling, not by this transport
    await proxy.restore();
    await until(() => a.listening.value === 1, 'listening again', 10_000);
    b.transport.publish({ tag: '#devops', firstSeq: 9, lastSeq: 9 });
    await until(() => a.heard.length === 1, 'A hearing B again', 5000);

    expect(a.heard).toEqual([{ tag: '#devops', firstSeq: 9, lastSeq: 9 }]);
    const lost = a.logs.filter((line) => line['event.action'] === 'notify.listen_lost');
    expect(lost).toHaveLength(1);
    expect(lost[0]!.message).toMatch(
      /^not listening for the posts other replicas store \(.+\); polling finds them meanwhile$/,
    );
    expect(a.logs.filter((line) => line['event.action'] === 'notify.listening')).toHaveLength(2);
  });
});
