import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/service';
import type { Store } from '../../src/repositories/store';
import { COLLECTOR_LEASE, createLeaderLease, type LeaderLease } from '../../src/collector/leader-lease';
import { createMetrics, type AppMetrics } from '../../src/observability/metrics';
import { acquireLease, readLease } from '../../src/repositories/leader-lease';
import { query } from '../../src/repositories/sql';
import { captureLogger } from '../helpers/app';
import { FakeClock } from '../helpers/clock';
import { testDatabaseSettings } from '../helpers/database';

const TTL_MS = 600;

interface Replica {
  store: Store;
  lease: LeaderLease;
  metrics: AppMetrics;
  logs: Record<string, unknown>[];
  lost: number;
}

describe('the collector lease (two replicas, each with its own connection to one database)', () => {
  let dir: string;
  let clock: FakeClock;
  const opened: Store[] = [];
  const leases: LeaderLease[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'twitter-api-lease-'));
    clock = new FakeClock();
  });
  afterEach(async () => {
    await Promise.all(leases.splice(0).map((lease) => lease.stop()));
    for (const store of opened.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function connect(): Promise<Store> {
    const store = await openStore(await testDatabaseSettings(join(dir, 'shared.db')));
    opened.push(store);
    return store;
  }

  async function replica(replicaName: string, ttlMs = TTL_MS): Promise<Replica> {
    const store = await connect();
    const metrics = createMetrics();
    const { logger, logs } = captureLogger();
    const state: Replica = { store, metrics, logs, lost: 0 } as Replica;
    state.lease = createLeaderLease({
      store,
      logger,
      metrics: metrics.leader,
      ttlMs,
      replicaName,
      onLost: () => state.lost++,
      clock,
    });
    leases.push(state.lease);
    return state;
  }

  const actions = (replica: Replica) => replica.logs.map((line) => line['event.action']);
  const gauge = async (replica: Replica, name: string) =>
    (await replica.metrics.registry.getSingleMetric(name)!.get()).values[0]?.value;

  test('when two replicas start, then the first holds the lease and renews it every TTL/3, and the second waits', async () => {
    const a = await replica('replica-a');
    const b = await replica('replica-b');
    await a.lease.start();
    await b.lease.start();
    await clock.advance(TTL_MS * 2);

    expect([a.lease.isLeader(), b.lease.isLeader()]).toEqual([true, false]);
    expect(await gauge(a, 'twitterapi_collector_leader')).toBe(1);
    expect(await gauge(b, 'twitterapi_collector_leader')).toBe(0);
    expect(await gauge(a, 'twitterapi_leader_lease_renewals_total')).toBe(6);
    expect(actions(a)).toEqual(['leader.acquired']);
    expect(actions(b)).toEqual([]);
    expect(await readLease(opened[0]!, COLLECTOR_LEASE)).toEqual({
      holder: a.lease.holder,
      expiresAt: clock.now() + TTL_MS,
    });
  });

  test('when the leader stops cleanly, then it releases the lease and the other takes it at its next attempt, not after the TTL', async () => {
    const a = await replica('replica-a', 3000);
    const b = await replica('replica-b', 3000);
    await a.lease.start();
    await b.lease.start();
    await a.lease.stop();
    await clock.advance(999);
    expect(b.lease.isLeader()).toBe(false);
    await clock.advance(1);

    expect(b.lease.isLeader()).toBe(true);
    expect(actions(b)).toEqual(['leader.acquired']);
    expect(await gauge(a, 'twitterapi_collector_leader')).toBe(0);
    expect(await gauge(b, 'twitterapi_leader_lease_takeovers_total')).toBe(0);
  });

  test('when a holder stopped renewing (a crash), then the lease is taken over at the first attempt after it expired, not before', async () => {
    const seeder = await connect();
    expect(
      await acquireLease(seeder, { name: COLLECTOR_LEASE, holder: 'gone:1:x', ttlMs: 800, now: clock.now() }),
    ).toBe(true);
    const b = await replica('replica-b', 300);
    await b.lease.start();
    await clock.advance(800);
    expect(b.lease.isLeader()).toBe(false);
    await clock.advance(100);

    expect(b.lease.isLeader()).toBe(true);
    expect(actions(b)).toEqual(['leader.takeover']);
    expect(b.logs[0]).toMatchObject({ previous_holder: 'gone:1:x', holder: b.lease.holder });
    expect(await gauge(b, 'twitterapi_leader_lease_takeovers_total')).toBe(1);
  });

  test('when another replica took the lease (this one paused past its expiry), then this one loses it at its next renewal and is told to stop collecting', async () => {
    const a = await replica('replica-a');
    await a.lease.start();
    const other = await connect();
    await query(other.dataSource.manager, 'UPDATE leader_lease SET holder = :holder WHERE name = :name', {
      holder: 'replica-b:2:y',
      name: COLLECTOR_LEASE,
    });
    await clock.advance(TTL_MS / 3 - 1);
    expect(a.lease.isLeader()).toBe(true);
    await clock.advance(1);

    expect(a.lease.isLeader()).toBe(false);
    expect(a.lost).toBe(1);
    expect(actions(a)).toEqual(['leader.acquired', 'leader.lost']);
    expect(await gauge(a, 'twitterapi_collector_leader')).toBe(0);
    expect((await readLease(other, COLLECTOR_LEASE))?.holder).toBe('replica-b:2:y');
  });

  test('when renewals fail (the database is gone), then the leader gives the lease up when its expiry comes, not before', async () => {
    const a = await replica('replica-a');
    await a.lease.start();
    await a.store.close();
    await clock.advance(TTL_MS - 1);
    expect(a.lease.isLeader()).toBe(true);
    expect(actions(a)).toEqual(['leader.acquired', 'leader.error', 'leader.error']);
    await clock.advance(1);

    expect(a.lease.isLeader()).toBe(false);
    expect(a.lost).toBe(1);
    expect(a.logs.find((line) => line['event.action'] === 'leader.lost')).toMatchObject({
      'event.action': 'leader.lost',
      reason: 'not renewed before it expired',
    });
  });

  test('when the holder is this replica name with a process that is gone (a restart after a crash), then its lease is taken at once; a live process keeps it', async () => {
    const seeder = await connect();
    const { pid: deadPid } = spawnSync(process.execPath, ['-e', '0']);
    await acquireLease(seeder, {
      name: COLLECTOR_LEASE,
      holder: `replica-a:${deadPid}:x`,
      ttlMs: 60_000,
      now: clock.now(),
    });
    const restarted = await replica('replica-a', 60_000);
    await restarted.lease.start();
    expect(restarted.lease.isLeader()).toBe(true);
    expect(actions(restarted)).toEqual(['leader.takeover']);

    await restarted.lease.stop();
    await acquireLease(seeder, {
      name: COLLECTOR_LEASE,
      holder: 'replica-c:1:x',
      ttlMs: 60_000,
      now: clock.now(),
    });
    const sameHostLivePid = await replica('replica-c', 60_000);
    await sameHostLivePid.lease.start();
    expect(sameHostLivePid.lease.isLeader()).toBe(false);
  });
});
