import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/service';
import type { Store } from '../../src/repositories/store';
import type { Collector } from '../../src/collector/collector';
import type { LeaderLease } from '../../src/collector/leader-lease';
import {
  createReplicatedCollector,
  type ReplicatedCollector,
} from '../../src/collector/replicated-collector';
import type { RunSummary, RunTrigger } from '../../src/collector/summary';
import { AppError } from '../../src/errors';
import { collectionRequestOutcome, fileCollectionRequest } from '../../src/repositories/collection-requests';
import { captureLogger } from '../helpers/app';
import { until } from '../helpers/until';
import { testDatabaseSettings } from '../helpers/database';

const summaryOf = (trigger: RunTrigger): RunSummary => ({
  run_id: 'run-1',
  trigger,
  source: 'sample',
  outcome: 'success',
  started_at: '2026-11-29T10:00:00.000Z',
  finished_at: '2026-11-29T10:00:01.000Z',
  duration_ms: 1000,
  error: null,
  tags: [],
});

function fakeLocal(behaviour: { run?: () => Promise<RunSummary> } = {}) {
  const calls: string[] = [];
  const local: Collector = {
    run: (trigger) => (
      calls.push(`run:${trigger}`),
      behaviour.run?.() ?? Promise.resolve(summaryOf(trigger))
    ),
    reset: async (removeData) => (calls.push('reset'), removeData()),
    isRunning: () => false,
    stop: () => Promise.resolve(),
  };
  return { local, calls };
}

const fakeLease = (holder: string, leader: boolean): LeaderLease => ({
  holder,
  isLeader: () => leader,
  onAcquired: () => undefined,
  start: () => Promise.resolve(),
  stop: () => Promise.resolve(),
});

describe('the collector replicas share (requests through the database)', () => {
  let dir: string;
  const opened: Store[] = [];
  const collectors: ReplicatedCollector[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'twitter-api-replicated-'));
  });
  afterEach(async () => {
    await Promise.all(collectors.splice(0).map((collector) => collector.close()));
    for (const store of opened.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function replica(
    leader: boolean,
    local: Collector,
    options: { waitMs?: number; removed?: string[]; pruneMs?: number } = {},
  ) {
    const store = await openStore(await testDatabaseSettings(join(dir, 'shared.db')));
    opened.push(store);
    const collector = createReplicatedCollector({
      store,
      local,
      lease: fakeLease(leader ? 'leader:1:a' : 'follower:2:b', leader),
      logger: captureLogger().logger,
      removeData: () => Promise.resolve(void options.removed?.push('everything')),
      pollMs: 50,
      waitMs: options.waitMs ?? 60_000,
      pruneMs: options.pruneMs,
    });
    collectors.push(collector);
    collector.start();
    return Object.assign(collector, { store });
  }

  test('when a replica that is not the leader is asked to collect, then the leader runs it and the asker answers with its summary', async () => {
    const leaderSide = fakeLocal();
    const followerSide = fakeLocal();
    await replica(true, leaderSide.local);
    const follower = await replica(false, followerSide.local);

    const summary = await follower.run('request');

    expect(summary).toEqual(summaryOf('request'));
    expect(leaderSide.calls).toEqual(['run:request']);
    expect(followerSide.calls).toEqual([]);
  });

  test('when a replica that is not the leader is asked to delete, then the leader stops and deletes', async () => {
    const leaderSide = fakeLocal();
    const removed: string[] = [];
    await replica(true, leaderSide.local, { removed });
    const follower = await replica(false, fakeLocal().local);

    await follower.reset(() => Promise.reject(new Error('the asker never deletes itself')));

    expect(leaderSide.calls).toEqual(['reset']);
    expect(removed).toEqual(['everything']);
  });

  test('when no leader answers in time, then the asker gets a 504 problem with Retry-After', async () => {
    const follower = await replica(false, fakeLocal().local, { waitMs: 300 });

    const error = (await follower.run('request').catch((caught: unknown) => caught)) as AppError;

    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(504);
    expect(error.detail).toBe('the collector replica did not finish within 1 s; it goes on');
    expect(error.extra.headers).toEqual({ 'Retry-After': '60' });
  });

  test('when the leader fails to carry a request out, then the asker gets a 502 problem naming the error', async () => {
    await replica(true, fakeLocal({ run: () => Promise.reject(new Error('the disk is full')) }).local);
    const follower = await replica(false, fakeLocal().local);

    const error = (await follower.run('request').catch((caught: unknown) => caught)) as AppError;

    expect(error.status).toBe(502);
    expect(error.detail).toBe('the collector replica failed: the disk is full');
  });

  test('when the collector has not been started (one process, the CLIs, tests), then every call is local', async () => {
    const side = fakeLocal();
    const store = await openStore(await testDatabaseSettings(join(dir, 'alone.db')));
    opened.push(store);
    const collector = createReplicatedCollector({
      store,
      local: side.local,
      lease: fakeLease('alone:1:a', false),
      logger: captureLogger().logger,
      removeData: () => Promise.resolve(),
      waitMs: 60_000,
    });

    await collector.run('cli');
    await collector.reset(() => Promise.resolve());

    expect(side.calls).toEqual(['run:cli', 'reset']);
  });

  test('when the leader is alone and asked nothing, then it still deletes requests finished more than an hour ago', async () => {
    const leader = await replica(true, fakeLocal().local, { pruneMs: 50 });
    const now = Date.now();
    const old = await fileCollectionRequest(leader.store, { kind: 'run', now: now - 2 * 3_600_000 });
    const recent = await fileCollectionRequest(leader.store, { kind: 'run', now: now - 60_000 });
    await leader.store.dataSource.query(
      `UPDATE collection_requests SET claimed_by = 'leader:1:a', result = '{}', finished_at = ${now - 2 * 3_600_000} WHERE id = ${old}`,
    );
    await leader.store.dataSource.query(
      `UPDATE collection_requests SET claimed_by = 'leader:1:a', finished_at = ${now - 60_000} WHERE id = ${recent}`,
    );

    await until(async () => !(await collectionRequestOutcome(leader.store, old)).finished, 'pruned', 5000);

    expect(await collectionRequestOutcome(leader.store, old)).toEqual({ finished: false, result: null });
    expect((await collectionRequestOutcome(leader.store, recent)).finished).toBe(true);
  });

  test('when the client of a waiting replica goes away, then the replica stops waiting at once', async () => {
    const follower = await replica(false, fakeLocal().local, { waitMs: 60_000 });
    const client = new AbortController();
    const startedAt = Date.now();
    setTimeout(() => client.abort(), 200);

    const error = (await follower
      .run('request', client.signal)
      .catch((caught: unknown) => caught)) as AppError;

    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(499);
    expect(Date.now() - startedAt).toBeLessThan(60_000 / 10);
  });
});
