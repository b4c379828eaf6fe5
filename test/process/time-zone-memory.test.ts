import { startMain, type MainProcess } from '../helpers/main-process';

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

const residentMb = async (url: string) => {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  return Number(/^process_resident_memory_bytes (\d+)/m.exec(metrics)![1]) / 1024 / 1024;
};

describe('memory of the time zone parameter', () => {
  let app: MainProcess | undefined;
  afterEach(() => app?.cleanup());

  test('when 3,000 spellings of zones are asked for, then resident memory grows by less than 20 MB', async () => {
    // The image's heap bounds, so garbage does not pass for growth.
    app = await startMain({
      TAGS: '#devops',
      LOG_LEVEL: 'warn',
      NODE_OPTIONS: '--max-old-space-size=192 --max-semi-space-size=4',
    });
    await app.ready();
    const zones = ['America/Sao_Paulo', 'Europe/Berlin', 'Asia/Kathmandu'];
    const ask = async (n: number) => {
      const res = await fetch(`${app!.url}/tweets_per_hour?tz=${caseVariant(zones[n % 3]!, n)}`);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    };
    for (let n = 0; n < 300; n++) await ask(n); // warm-up: code, connections, the first formatters
    const before = await residentMb(app.url);

    for (let n = 300; n < 3300; n += 10) await Promise.all(Array.from({ length: 10 }, (_, i) => ask(n + i)));

    expect((await residentMb(app.url)) - before).toBeLessThan(20);
    expect(await app.signal('SIGTERM')).toBe(0);
  }, 90_000);
});
