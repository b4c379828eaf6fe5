import { Client } from 'pg';
import { freePort } from '../helpers/ports';
import { until } from '../helpers/until';
import { buildImage, ensureBaseImages, podman, podmanOk, podmanPath, runtimeOptions } from './podman';

const image = 'localhost/twitter-api:container-test';
const database = 'twitter_api_container_replicas';
const serverUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const names = ['replica-1', 'replica-2', 'replica-3'].map((name) => `twitter-api-container-test-${name}`);

async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let ports: number[] = [];
const url = (replica: number, path: string) => `http://127.0.0.1:${ports[replica]}${path}`;

/** Each replica runs the image on the host's network, on its own port, against one PostgreSQL database. */
async function startReplicas(): Promise<void> {
  ports = [];
  for (const name of names) {
    const port = await freePort();
    ports.push(port);
    const databaseUrl = new URL(serverUrl);
    databaseUrl.pathname = `/${database}`;
    await podmanOk(
      'run',
      '--detach',
      '--name',
      name,
      ...runtimeOptions,
      '--network',
      'host',
      '--env',
      `PORT=${port}`,
      '--env',
      `HOSTNAME=${name}`,
      '--env',
      `DATABASE_URL=${databaseUrl.href}`,
      '--env',
      'LEADER_LEASE_TTL_MS=1500',
      image,
    );
  }
  for (const replica of names.keys())
    await until(
      async () => (await fetch(url(replica, '/readyz'))).ok,
      `${names[replica]} to be ready`,
      60_000,
    );
}

/** Which of `replicas` report holding the collector lease on /metrics. */
async function leadersAmong(replicas: number[]): Promise<number[]> {
  const held = await Promise.all(
    replicas.map(async (replica) =>
      /^twitterapi_collector_leader 1$/m.test(await (await fetch(url(replica, '/metrics'))).text()),
    ),
  );
  return replicas.filter((_, index) => held[index]);
}

async function servedCounts(): Promise<number[]> {
  return Promise.all(
    names.map(async (_, replica) => {
      const body = (await (await fetch(url(replica, '/tweets?limit=1000'))).json()) as { tweets: unknown[] };
      return body.tweets.length;
    }),
  );
}

const collectionStarts = async (name: string) =>
  (await podmanOk('logs', name))
    .split('\n')
    .filter((line) => line.includes('"event.action":"collection.start"')).length;

async function removeReplicas(): Promise<void> {
  for (const name of names) await podman('rm', '--force', '--volumes', '--time', '0', name);
}

(podmanPath ? describe : describe.skip)(
  'three replicas of the image on one PostgreSQL, run with podman',
  () => {
    beforeAll(async () => {
      await ensureBaseImages();
      await buildImage(image);
      await removeReplicas();
      await onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await onServer(`CREATE DATABASE ${database}`);
    }, 20 * 60_000);

    afterAll(async () => {
      await removeReplicas();
      await onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }, 60_000);

    test('when one replica holds the lease, the sample is collected once, and when it is killed another takes over', async () => {
      await startReplicas();
      const all = [...names.keys()];
      let leaders: number[] = [];
      await until(
        async () => (leaders = await leadersAmong(all)).length === 1,
        'one replica to hold the lease',
      );
      const leader = leaders[0]!;
      await until(
        async () => (await servedCounts()).every((count) => count === 1000),
        'the sample on every replica',
      );
      const starts = await Promise.all(names.map(collectionStarts));

      await podmanOk('kill', names[leader]!);
      const survivors = all.filter((replica) => replica !== leader);
      let newLeaders: number[] = [];
      await until(
        async () => (newLeaders = await leadersAmong(survivors)).length === 1,
        'a surviving replica to take the lease',
      );
      const stopped = await Promise.all(survivors.map((replica) => podman('stop', names[replica]!)));
      const exitCodes = await Promise.all(
        survivors.map((replica) => podmanOk('inspect', '--format', '{{.State.ExitCode}}', names[replica]!)),
      );

      expect(starts).toEqual(all.map((replica) => (replica === leader ? 1 : 0)));
      expect(survivors).toContain(newLeaders[0]);
      expect(stopped.map((result) => result.code)).toEqual([0, 0]);
      expect(exitCodes).toEqual(['0', '0']);
    }, 180_000);
  },
);
