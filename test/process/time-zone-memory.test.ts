import { startMainForMemory, type MeasuredProcess } from '../helpers/main-process';

/** The n-th spelling of a zone name in mixed letter case (n in binary picks the upper-case letters). */
const caseVariant = (zone: string, n: number) => {
  let bit = 0;
  return [...zone]
    .map((char) => {
      if (!/[a-z]/i.test(char)) return char;
      return (n >> bit++) & 1 ? char.toUpperCase() : char.toLowerCase();
    })
    .join('');
};

/** Resident memory after a full collection: garbage does not pass for growth. */
const residentMb = async (app: MeasuredProcess) => {
  await app.collectGarbage();
  const metrics = await (await fetch(`${app.url}/metrics`)).text();
  return Number(/^process_resident_memory_bytes (\d+)/m.exec(metrics)![1]) / 1024 / 1024;
};

describe('memory of the time zone parameter', () => {
  let app: MeasuredProcess | undefined;
  afterEach(() => app?.cleanup());

  test('when 3,000 spellings of zones are asked for, then resident memory grows by less than 30 MB (84 MB before zones were canonicalised)', async () => {
    // The image's heap bounds, and a full collection before each reading.
    app = await startMainForMemory({ TAGS: '#devops', LOG_LEVEL: 'warn' });
    await app.ready();
    const zones = ['America/Sao_Paulo', 'Europe/Berlin', 'Asia/Kathmandu'];
    const ask = async (n: number) => {
      const res = await fetch(`${app!.url}/tweets_per_hour?tz=${caseVariant(zones[n % 3]!, n)}`);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    };
    for (let n = 0; n < 300; n++) await ask(n); // warm-up: code, connections, the first formatters
    const before = await residentMb(app);

    for (let n = 300; n < 3300; n += 10) await Promise.all(Array.from({ length: 10 }, (_, i) => ask(n + i)));

    // Not 20: with the lease, the live hub's polling and the cache's coalesced checks, Node 24 grew
    // 21 MB once on a busy machine; a cache per spelling grew 84 MB.
    const growth = (await residentMb(app)) - before;
    process.stderr.write(`time zone memory: resident grew ${growth.toFixed(1)} MB over 3,000 spellings\n`);
    expect(growth).toBeLessThan(30);
    expect(await app.signal('SIGTERM')).toBe(0);
  }, 90_000);
});
