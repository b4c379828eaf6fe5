import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../helpers/ports';
import { until } from '../helpers/until';
import { buildImage, ensureBaseImages, podman, podmanOk, podmanPath, root, runtimeOptions } from './podman';

const image = 'localhost/twitter-api:container-test';
const volume = 'twitter-api-container-test-data';
const container = 'twitter-api-container-test';
// Above the runtime stage's base: the production dependencies, the build and the sample.
const runtimeLayersBudgetMb = 120;
const shutdownTimeoutMs = 10_000;

/** Top-level packages the lockfile marks as needed by development alone (a dev dependency that a
 * production package also needs, such as tsx's esbuild, is not among them). */
const devOnlyPackages = Object.entries(
  (
    JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    }
  ).packages,
)
  .filter(([path, entry]) => entry.dev === true && /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path))
  .map(([path]) => path.slice('node_modules/'.length));
const exec = (...command: string[]) => podmanOk('exec', container, ...command);
const logEvents = async () =>
  (await podmanOk('logs', container))
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => (JSON.parse(line) as Record<string, unknown>)['event.action']);

let port: number;
const url = (path: string) => `http://127.0.0.1:${port}${path}`;

/** Starts the image on the data volume, published on 127.0.0.1 only, and waits for /readyz. */
async function start(...options: string[]): Promise<void> {
  port = await freePort();
  await podmanOk(
    'run',
    '--detach',
    '--name',
    container,
    ...runtimeOptions,
    ...options,
    '--volume',
    `${volume}:/data`,
    '--publish',
    `127.0.0.1:${port}:5000`,
    image,
  );
  await until(async () => (await fetch(url('/readyz'))).ok, 'the container to be ready', 60_000);
}

async function removeContainer(): Promise<void> {
  await podman('rm', '--force', '--volumes', '--time', '0', container);
}

async function storedTweets(): Promise<unknown[]> {
  let tweets: unknown[] = [];
  await until(async () => {
    tweets = ((await (await fetch(url('/tweets?limit=1000'))).json()) as { tweets: unknown[] }).tweets;
    return tweets.length === 1000;
  }, 'the sample to be stored');
  return tweets;
}

(podmanPath ? describe : describe.skip)('the image built from the Dockerfile, run with podman', () => {
  beforeAll(async () => {
    await ensureBaseImages();
    await buildImage(image);
    await removeContainer();
    await podman('volume', 'rm', '--force', volume);
  }, 20 * 60_000);

  afterAll(async () => {
    await removeContainer();
    await podman('volume', 'rm', '--force', volume);
  }, 60_000);

  afterEach(removeContainer, 60_000);

  test('when inspected, then it keeps the HEALTHCHECK, runs as node and holds no package only development needs', async () => {
    const inspected = (
      JSON.parse(await podmanOk('image', 'inspect', image)) as {
        Config: { User: string };
        Healthcheck: unknown;
      }[]
    )[0]!;
    const present = await podman(
      'run',
      '--rm',
      ...runtimeOptions,
      image,
      'sh',
      '-c',
      'for name in "$@"; do test -e "node_modules/$name" && echo "$name"; done; true',
      'sh',
      ...devOnlyPackages,
      'express',
    );

    expect(inspected.Config.User).toBe('node');
    expect(inspected.Healthcheck).toEqual({
      Test: [
        'CMD',
        'node',
        '-e',
        expect.stringContaining("/readyz').then((r) => process.exit(r.ok ? 0 : 1)"),
      ],
      StartPeriod: 20e9,
      Interval: 15e9,
      Timeout: 5e9,
      Retries: 3,
    });
    expect(devOnlyPackages).toEqual(expect.arrayContaining(['jest', 'typescript']));
    // express, a production dependency, proves the probe sees what is there
    expect(present.stdout).toBe('express\n');
  });

  test('when its layers are measured, then those above the base stay within the budget', async () => {
    const base = (await podmanOk('image', 'inspect', '--format', '{{.Size}}', baseImage())).trim();
    const size = await podmanOk('image', 'inspect', '--format', '{{.Size}}', image);
    const runtimeLayersMb = (Number(size) - Number(base)) / 1e6;
    process.stdout.write(
      `image ${(Number(size) / 1e6).toFixed(0)} MB, ${runtimeLayersMb.toFixed(0)} MB above its base\n`,
    );

    expect(runtimeLayersMb).toBeGreaterThan(0);
    expect(runtimeLayersMb).toBeLessThan(runtimeLayersBudgetMb);
  });

  test('when started on a volume, then it is healthy, serves the sample as uid 1000 and stops on SIGTERM with 0', async () => {
    await start();
    const tweets = await storedTweets();
    const health = await podman('healthcheck', 'run', container);
    const processUser = await exec('stat', '-c', '%u', '/proc/1');
    const healthz = await fetch(url('/healthz'));

    const stopStarted = Date.now();
    await podmanOk('stop', '--time', String(shutdownTimeoutMs / 1000 + 5), container);
    const stopMs = Date.now() - stopStarted;
    process.stdout.write(`podman stop (SIGTERM) took ${stopMs} ms\n`);

    expect(tweets).toHaveLength(1000);
    expect(health.code).toBe(0);
    expect(processUser).toBe('1000');
    expect(healthz.status).toBe(200);
    expect(await podmanOk('inspect', '--format', '{{.State.ExitCode}}', container)).toBe('0');
    expect(stopMs).toBeLessThan(shutdownTimeoutMs);
    expect(await logEvents()).toEqual(
      expect.arrayContaining(['collection.start', 'app.signal', 'app.shutdown']),
    );
  }, 120_000);

  test('when started again on the same volume, then the stored posts are served and not collected again', async () => {
    await start();
    const first = await storedTweets();
    await podmanOk('stop', container);
    await removeContainer();

    await start();
    const second = await storedTweets();

    expect(second).toEqual(first);
    expect(await logEvents()).not.toContain('collection.start');
  }, 180_000);

  test('when the root filesystem is read-only, then it starts and serves from the volume', async () => {
    await start('--read-only', '--tmpfs', '/tmp');

    expect(await storedTweets()).toHaveLength(1000);
    expect((await podman('exec', container, 'touch', '/home/node/written')).code).not.toBe(0);
  }, 120_000);
});

function baseImage(): string {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
  return `docker.io/library/${/^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)![1]}`;
}
