import { openStore } from '../../src/service';
import { startEmulator, type Emulator } from '../../emulator/server';
import type { Store } from '../../src/repositories/store';
import { BEARER, sampleCorpus } from '../collector/x-api-helpers';
import {
  adminHeaders,
  replicasThatLogged,
  startReplicas,
  type Replica,
  type Replicas,
} from '../helpers/replicas';
import { testDatabaseSettings } from '../helpers/database';
import { expectCountersEqualRecounts } from '../helpers/recount';
import { until } from '../helpers/until';

const TTL_MS = 1500;
const TAGS = '#devops,#sre,#metrics,#oauth,#observability,#microservices';

function replicaEnv(emulator: Emulator): Record<string, string> {
  return {
    TWEET_SOURCE: 'x-api',
    TWITTER_BEARER_TOKEN: BEARER,
    TWITTER_API_BASE_URL: emulator.url,
    X_API_TIMEOUT_MS: '5000',
    TAGS,
    TWEETS_PER_TAG: '1000',
    COLLECT_CONCURRENCY: '1',
    LEADER_LEASE_TTL_MS: String(TTL_MS),
  };
}

const searches = (emulator: Emulator) =>
  emulator.requests.filter((request) => request.path === '/2/tweets/search/recent');
const pageKeys = (emulator: Emulator) => searches(emulator).map((request) => JSON.stringify(request.query));
const runEnds = (replica: Replica) =>
  replica.lines.filter((line) => line['event.action'] === 'collection.end');

/** Post ids per tag, duplicates included, straight from the shared file. */
async function storedIdsByTag(store: Store): Promise<Record<string, string[]>> {
  const rows: { tag: string; post_id: string }[] = await store.dataSource.query(
    'SELECT tag, post_id FROM post_tags ORDER BY tag, post_id',
  );
  const byTag: Record<string, string[]> = {};
  for (const row of rows) (byTag[row.tag] ??= []).push(row.post_id);
  return byTag;
}

async function withDatabase<T>(path: string, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(await testDatabaseSettings(path));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

describe('three replicas on one database (SQLite file) and the X API emulator', () => {
  let emulator: Emulator | undefined;
  let replicas: Replicas | undefined;

  afterEach(async () => {
    replicas?.cleanup();
    replicas = undefined;
    await emulator?.close();
    emulator = undefined;
  });

  test('when three replicas start on an empty database, then exactly one holds the lease and collects, each X API page is fetched once, and GET /database on another replica is answered by its run', async () => {
    emulator = await startEmulator({
      corpus: sampleCorpus(),
      port: 0,
      bearerToken: BEARER,
      faults: { latencyMs: 50 },
    });
    replicas = await startReplicas(['replica-a', 'replica-b', 'replica-c'], replicaEnv(emulator));
    const [leader, ...others] = replicas.all as [Replica, Replica, Replica];
    await until(() => runEnds(leader).length === 1, 'the first-start collection', 30_000);

    expect(replicasThatLogged(replicas.all, 'leader.acquired')).toEqual([leader]);
    expect(replicasThatLogged(replicas.all, 'collection.start')).toEqual([leader]);
    expect(await leader.metric('twitterapi_collector_leader')).toBe(1);
    expect(await others[0].metric('twitterapi_collector_leader')).toBe(0);
    expect(await others[1].metric('twitterapi_collector_leader')).toBe(0);
    const firstRun = pageKeys(emulator);
    expect(firstRun.length).toBe(12);
    expect(new Set(firstRun).size).toBe(firstRun.length);

    const answer = await fetch(`${others[1].url}/database`, { headers: adminHeaders });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { summary: { trigger: string; outcome: string; run_id: string } };
    expect(body.summary).toMatchObject({ trigger: 'request', outcome: 'success' });
    // The leader ran it: the asking replica has no collection of its own.
    expect(runEnds(leader).map((line) => (line.summary as { run_id: string }).run_id)).toContain(
      body.summary.run_id,
    );
    expect(replicasThatLogged(others, 'collection.start')).toEqual([]);
    expect(await leader.metric('twitterapi_leader_lease_renewals_total')).toBeGreaterThan(0);
  });

  test('when the leader is killed mid-run, then another replica takes over within the lease TTL and completes the run: no page twice but the one in flight, no duplicate, aggregates equal a recount', async () => {
    emulator = await startEmulator({
      corpus: sampleCorpus(),
      port: 0,
      bearerToken: BEARER,
      // The first-start run fails at once (refused access), so the run below starts on an empty database.
      faults: { forbidden: true },
    });
    replicas = await startReplicas(['replica-a', 'replica-b', 'replica-c'], replicaEnv(emulator));
    const [leader, asker, third] = replicas.all as [Replica, Replica, Replica];
    await until(() => runEnds(leader).length === 1, 'the failed first-start run', 20_000);
    emulator.setFaults({ latencyMs: 300 });
    emulator.requests.splice(0);
    // Asked through another replica: the leader runs it; each page takes 300 ms, so it is killed mid-run.
    const answer = fetch(`${asker.url}/database`, { headers: adminHeaders });
    await until(() => searches(emulator!).length >= 4, 'four pages fetched', 20_000);

    expect(await leader.signal('SIGKILL')).toBeNull();
    const killedAt = Date.now();
    await until(
      () => replicasThatLogged([asker, third], 'leader.takeover').length === 1,
      'a takeover',
      10_000,
    );
    const takeoverMs = Date.now() - killedAt;
    const [successor] = replicasThatLogged([asker, third], 'leader.takeover') as [Replica];

    const response = await answer;
    expect(response.status).toBe(200);
    const { summary } = (await response.json()) as { summary: { outcome: string; tags: unknown[] } };
    expect(summary.outcome).toBe('success');
    expect(summary.tags).toHaveLength(6);
    // Renewed every TTL/3: the lease expires at most TTL after the kill, then the next attempt takes it.
    expect(takeoverMs).toBeLessThan(TTL_MS + TTL_MS / 3 + 1000);
    expect(await successor.metric('twitterapi_leader_lease_takeovers_total')).toBe(1);
    expect(await successor.metric('twitterapi_collector_leader')).toBe(1);
    process.stdout.write(`takeover ${takeoverMs} ms after SIGKILL; ${searches(emulator).length} searches\n`);

    // The clean pagination (first pages, next tokens) fetched each page once; beside it, the successor's
    // run asked for the interrupted tag's hole once (the page in flight at the kill, never stored), and
    // for posts newer than the marks of the tags the first leader had completed (empty: none are newer).
    const queries = searches(emulator).map((request) => request.query);
    const paginated = queries
      .filter((query) => !query.since_id && !query.until_id)
      .map((query) => JSON.stringify(query));
    expect(new Set(paginated).size).toBe(paginated.length);
    expect(paginated.length).toBeLessThanOrEqual(12);
    expect(queries.filter((query) => query.until_id).length).toBeLessThanOrEqual(1);
    expect(queries.filter((query) => query.since_id).length).toBeLessThanOrEqual(6);
    await withDatabase(replicas.databasePath, async (store) => {
      const stored = await storedIdsByTag(store);
      const expected = await cleanRun();
      expect(stored).toEqual(expected);
      await expectCountersEqualRecounts(store.dataSource);
    });
  });

  test('when DELETE /database reaches a replica that is not the leader during a run, then the run stops within about a second wherever it runs, and everything is deleted', async () => {
    emulator = await startEmulator({
      corpus: sampleCorpus(),
      port: 0,
      bearerToken: BEARER,
      faults: { forbidden: true },
    });
    replicas = await startReplicas(['replica-a', 'replica-b'], replicaEnv(emulator));
    const [leader, other] = replicas.all as [Replica, Replica];
    await until(() => runEnds(leader).length === 1, 'the failed first-start run', 20_000);
    emulator.setFaults({ latencyMs: 300 });
    emulator.requests.splice(0);
    const collecting = fetch(`${other.url}/database`, { headers: adminHeaders });
    await until(() => searches(emulator!).length >= 2, 'two pages fetched', 20_000);

    const asked = Date.now();
    const dropped = await fetch(`${other.url}/database`, { method: 'DELETE', headers: adminHeaders });
    const tookMs = Date.now() - asked;
    const fetched = searches(emulator).length;

    expect(dropped.status).toBe(200);
    expect(await dropped.json()).toEqual({ message: 'database has been dropped' });
    expect(tookMs).toBeLessThan(2000);
    const stopped = await collecting;
    expect(stopped.status).toBe(502);
    expect(((await stopped.json()) as { detail: string }).detail).toContain('stopped');
    const [end] = runEnds(leader).slice(-1);
    expect(end?.outcome).toBe('failed');
    const tweets = (await (await fetch(`${leader.url}/tweets`)).json()) as { tweets: unknown[] };
    expect(tweets.tweets).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(searches(emulator).length).toBe(fetched);
    expect(replicasThatLogged([other], 'collection.start')).toEqual([]);
    process.stdout.write(`DELETE through a replica that is not the leader answered in ${tookMs} ms\n`);
  });

  /** What one process alone stores from the same emulator corpus and tags. */
  async function cleanRun(): Promise<Record<string, string[]>> {
    const clean = await startEmulator({ corpus: sampleCorpus(), port: 0, bearerToken: BEARER });
    const alone = await startReplicas(['alone'], replicaEnv(clean));
    try {
      await until(() => runEnds(alone.all[0]!).length === 1, 'the clean run', 30_000);
      return await withDatabase(alone.databasePath, storedIdsByTag);
    } finally {
      alone.cleanup();
      await clean.close();
    }
  }
});
