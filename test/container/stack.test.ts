import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { freePort } from '../helpers/ports';
import { until } from '../helpers/until';
import { buildImage, ensureBaseImages, podman, podmanOk, podmanPath, root } from './podman';
import { containersOf, down, start, stop, up, type Stack } from './stack';
import { stackDefinition } from './stack-definition';

const adminToken = 'stack-test-admin-token-0123456789abcdef';
const auth = { Authorization: `Bearer ${adminToken}` };
let stack: Stack;
let apiPort: number;
let prometheusPort: number;
const api = (path: string) => `http://127.0.0.1:${apiPort}${path}`;
const replicas = () => containersOf(stack, 'twitterapi');

async function standIns(): Promise<void> {
  await promisify(execFile)(join(root, 'scripts', 'container-stand-ins.sh'), [], { cwd: root });
}

const collectionStarts = async (container: string) =>
  (await podmanOk('logs', container))
    .split('\n')
    .filter((line) => line.includes('"event.action":"collection.start"')).length;

async function holdsLease(container: string): Promise<boolean> {
  const metrics = await podmanOk(
    'exec',
    container,
    'node',
    '-e',
    "fetch('http://127.0.0.1:5000/metrics').then((r) => r.text()).then((t) => process.stdout.write(t))",
  );
  return /^twitterapi_collector_leader 1$/m.test(metrics);
}

async function leaderAmong(containers: string[]): Promise<string | undefined> {
  const held = await Promise.all(containers.map((container) => holdsLease(container).catch(() => false)));
  const leaders = containers.filter((_, index) => held[index]);
  return leaders.length === 1 ? leaders[0] : undefined;
}

async function servedTweets(): Promise<number> {
  const response = await fetch(api('/tweets?limit=1000'));
  return ((await response.json()) as { tweets: unknown[] }).tweets.length;
}

/** The replicas nginx passed the last `count` requests for `path` to, from its access log. */
async function upstreamsOf(path: string, count: number): Promise<string[]> {
  const log = await podmanOk('logs', containersOf(stack, 'proxy')[0]!);
  return log
    .split('\n')
    .filter((line) => line.includes(`"GET ${path} HTTP/1.1"`))
    .slice(-count)
    .map((line) => /upstream=(\S+)/.exec(line)![1]!);
}

/** Reads server-sent events from `response` until `done` accepts the text so far. */
async function readEvents(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  done: (text: string) => boolean,
  timeoutMs: number,
): Promise<string> {
  const decoder = new TextDecoder();
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (!done(text)) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no event in time; so far: ${text}`)), deadline - Date.now()),
      ),
    ]);
    if (chunk.done) throw new Error(`the event stream ended; so far: ${text}`);
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text;
}

const ruleCount = readdirSync(join(root, 'prometheus', 'rules'))
  .filter((file) => file.endsWith('.yml'))
  .flatMap(
    (file) =>
      (
        parse(readFileSync(join(root, 'prometheus', 'rules', file), 'utf8')) as {
          groups: { rules: unknown[] }[];
        }
      ).groups,
  )
  .reduce((total, group) => total + group.rules.length, 0);

async function prometheus<T>(path: string): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${prometheusPort}${path}`);
  return ((await response.json()) as { data: T }).data;
}

(podmanPath ? describe : describe.skip)(
  'the scale-out stack (docker-compose.replicas.yml with the events file), run with podman on stand-in images',
  () => {
    beforeAll(async () => {
      apiPort = await freePort();
      prometheusPort = await freePort();
      stack = stackDefinition({
        POSTGRES_PASSWORD: 'stack-test-password',
        ADMIN_TOKEN: adminToken,
        API_PORT: `127.0.0.1:${apiPort}`,
        PROMETHEUS_PORT: `127.0.0.1:${prometheusPort}`,
        LEADER_LEASE_TTL_MS: '1500',
        RUNBOOK_BASE_URL: 'https://example.test/runbooks/',
      });
      await ensureBaseImages();
      await standIns();
      await buildImage(stack.project.services.twitterapi!.image!);
      await down(stack);
      await up(stack);
    }, 20 * 60_000);

    afterAll(async () => {
      if (stack) await down(stack);
    }, 120_000);

    test('through nginx, the sample is served, collected once by the replica holding the lease', async () => {
      await until(async () => (await servedTweets()) === 1000, 'the sample through nginx', 60_000);
      const leader = await leaderAmong(replicas());

      const starts = await Promise.all(replicas().map(collectionStarts));

      expect(starts).toEqual(replicas().map((replica) => (replica === leader ? 1 : 0)));
    }, 90_000);

    test('GET /database on each replica through nginx runs each collection on the lease holder alone', async () => {
      const leader = await leaderAmong(replicas());
      const before = await Promise.all(replicas().map(collectionStarts));

      const responses = [];
      for (let request = 0; request < 3; request += 1)
        responses.push(await fetch(api('/database'), { headers: auth }));
      const bodies = (await Promise.all(responses.map((response) => response.json()))) as {
        message: string;
      }[];
      const after = await Promise.all(replicas().map(collectionStarts));

      expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
      expect(bodies.map((body) => body.message)).toEqual(Array(3).fill('database has been restored'));
      expect(new Set(await upstreamsOf('/database', 3)).size).toBe(3);
      expect(after.map((count, index) => count - before[index]!)).toEqual(
        replicas().map((replica) => (replica === leader ? 3 : 0)),
      );
    }, 120_000);

    test('/live/events passes each event unbuffered while POST /launch streams, and /statistics counts it', async () => {
      const events = await fetch(api('/live/events'));
      const reader = events.body!.getReader();
      const first = await readEvents(reader, (text) => text.includes('event: stats'), 5_000);

      const launch = await fetch(api('/launch'), {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ track: ['#devops'] }),
      });
      const launched = (await launch.json()) as { process_started: boolean; run_id: string };
      const streamed = await readEvents(reader, (text) => text.includes('event: post'), 15_000);
      await reader.cancel();
      let statistics: { current: { id: string; track: string[]; amount: number } | null } = { current: null };
      await until(async () => {
        statistics = (await (await fetch(api('/statistics'))).json()) as typeof statistics;
        return (statistics.current?.amount ?? 0) > 0;
      }, 'the run counted on /statistics');
      const stopped = await fetch(api('/stop'), { method: 'POST', headers: auth });

      expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(first).toMatch(/^retry: \d+\n/);
      expect(launch.status).toBe(200);
      expect(launched.process_started).toBe(true);
      expect(streamed).toMatch(/event: post\ndata: \{[^\n]*"rash":"#devops"/);
      expect(statistics.current).toMatchObject({ id: launched.run_id, track: ['#devops'] });
      expect(stopped.status).toBe(200);
    }, 60_000);

    test('Prometheus scrapes every replica and loads every rule', async () => {
      type Target = { labels: { job: string; instance: string }; health: string };
      let targets: Target[] = [];
      await until(
        async () => {
          targets = (await prometheus<{ activeTargets: Target[] }>('/api/v1/targets')).activeTargets.filter(
            (target) => target.labels.job === 'twitterapi',
          );
          return targets.length === 3 && targets.every((target) => target.health === 'up');
        },
        'three twitterapi targets up',
        60_000,
      );
      const groups = (await prometheus<{ groups: { rules: unknown[] }[] }>('/api/v1/rules')).groups;

      expect(targets.map((target) => target.health)).toEqual(['up', 'up', 'up']);
      expect(groups.reduce((total, group) => total + group.rules.length, 0)).toBe(ruleCount);
    }, 90_000);

    test('when the lease holder is killed, the others serve and one of them takes the lease', async () => {
      const leader = (await leaderAmong(replicas()))!;
      const survivors = replicas().filter((replica) => replica !== leader);

      await podmanOk('kill', leader);
      let newLeader: string | undefined;
      await until(
        async () => (newLeader = await leaderAmong(survivors)) !== undefined,
        'a survivor to take the lease',
      );
      const statuses = [];
      for (let request = 0; request < 6; request += 1)
        statuses.push((await fetch(api('/tweets?limit=1'))).status);

      expect(survivors).toContain(newLeader);
      expect(statuses).toEqual(Array(6).fill(200));
    }, 90_000);

    test('stopped and started again, the stack serves what it stored', async () => {
      const runs = async () =>
        ((await (await fetch(api('/statistics'))).json()) as { runs: { id: string }[] }).runs.map(
          (run) => run.id,
        );
      const runsBefore = await runs();
      const tweetsBefore = await servedTweets();

      await stop(stack);
      await start(stack);
      await until(async () => (await fetch(api('/readyz'))).ok, 'the stack to answer again', 60_000);
      const states = await Promise.all(
        replicas().map((replica) => podmanOk('inspect', '--format', '{{.State.Status}}', replica)),
      );

      expect(states).toEqual(['running', 'running', 'running']);
      expect(await servedTweets()).toBe(tweetsBefore);
      expect(await runs()).toEqual(runsBefore);
      expect((await podman('exec', containersOf(stack, 'postgres')[0]!, 'pg_isready')).code).toBe(0);
    }, 240_000);
  },
);
