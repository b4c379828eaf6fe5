import type { Store } from '../repositories/store';
import type { Logger } from 'winston';
import { systemClock, type Clock, type Timer } from '../clock';
import { holderIdentity, holderIsDead } from '../lease-holder';
import type { AppMetrics } from '../observability/metrics';
import { acquireLease, readLease, releaseLease, type LeaseState } from '../repositories/leader-lease';

export const COLLECTOR_LEASE = 'collector';

export interface LeaderLeaseDeps {
  store: Store;
  logger: Logger;
  metrics: AppMetrics['leader'];
  ttlMs: number;
  /** this replica's name (HOSTNAME): the lease's holder is this name, the pid and a random part */
  replicaName: string;
  /** called at once when this replica stops being the leader (lost to another, or not renewed in time) */
  onLost?(): void;
  /** expiry times and the renewal timer; the system clock unless a test moves time itself */
  clock?: Clock;
}

export interface LeaderLease {
  holder: string;
  isLeader(): boolean;
  /** `listener` runs (awaited) each time this replica becomes the leader */
  onAcquired(listener: () => Promise<void> | void): void;
  /** Tries once at once (resolving after it), then every TTL/3: renew while held, take over once expired. */
  start(): Promise<void>;
  /** Stops renewing and releases the lease when held, so another replica takes over without waiting. */
  stop(): Promise<void>;
}

/**
 * The collector lease: one row in the database, not a session lock (a pooled connection cannot hold
 * one exclusively). Expiry times are each replica's clock: replicas need clocks in sync within a
 * fraction of the TTL, as NTP gives.
 */
export function createLeaderLease(deps: LeaderLeaseDeps): LeaderLease {
  const { store, logger, metrics, ttlMs, clock = systemClock } = deps;
  const holder = holderIdentity(deps.replicaName);
  let leader = false;
  let heldUntil = 0;
  let timer: Timer | undefined;
  let ticking: Promise<void> | undefined;
  const acquiredListeners: (() => Promise<void> | void)[] = [];
  metrics.isLeader.set(0);

  const lose = (reason: string) => {
    leader = false;
    metrics.isLeader.set(0);
    logger.warn(`collector lease lost: ${reason}`, { event: 'leader.lost', holder, reason });
    deps.onLost?.();
  };

  const gain = async (previous: LeaseState | undefined) => {
    leader = true;
    metrics.isLeader.set(1);
    logGain(deps, holder, previous);
    for (const listener of acquiredListeners) await listener();
  };

  const attempt = async () => {
    const now = clock.now();
    const previous = leader ? undefined : await readLease(store, COLLECTOR_LEASE);
    const expiredBefore = previous && holderIsDead(previous.holder, holder) ? previous.expiresAt + 1 : now;
    const held = await acquireLease(store, { name: COLLECTOR_LEASE, holder, ttlMs, now, expiredBefore });
    if (held) heldUntil = now + ttlMs;
    if (held && leader) metrics.renewals.inc();
    else if (held) await gain(previous);
    else if (leader) lose('another replica holds it');
  };

  // A renewal failing or still hanging (a slow database) must not let this replica collect past its expiry.
  const checkExpiry = () => leader && clock.now() >= heldUntil && lose('not renewed before it expired');
  const tick = () =>
    (ticking ??= attempt()
      .catch((error: unknown) => {
        logger.warn('collector lease not renewed', { event: 'leader.error', holder, error });
        checkExpiry();
      })
      .finally(() => (ticking = undefined)));

  return {
    holder,
    isLeader: () => leader,
    onAcquired: (listener) => void acquiredListeners.push(listener),
    async start() {
      await tick();
      timer = clock.setInterval(() => (checkExpiry(), tick()), Math.max(1, Math.floor(ttlMs / 3)));
      timer.unref();
    },
    async stop() {
      clock.clearInterval(timer);
      await ticking;
      if (!leader) return;
      leader = false;
      metrics.isLeader.set(0);
      await releaseLease(store, COLLECTOR_LEASE, holder).catch(() => undefined);
    },
  };
}

/** leader.takeover when another holder let the lease expire (a clean stop releases it: leader.acquired). */
function logGain(deps: LeaderLeaseDeps, holder: string, previous: LeaseState | undefined): void {
  const takeover = previous !== undefined && previous.holder !== holder && previous.expiresAt > 0;
  if (takeover) deps.metrics.takeovers.inc();
  const message = takeover
    ? `took over the collector lease from ${previous.holder}`
    : 'acquired the collector lease';
  deps.logger.info(message, {
    event: takeover ? 'leader.takeover' : 'leader.acquired',
    holder,
    previous_holder: previous?.holder ?? null,
  });
}
