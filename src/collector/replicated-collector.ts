import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../repositories/store';
import type { Logger } from 'winston';
import { AppError } from '../errors';
import type { CollectionRequestKind } from '../models';
import {
  claimCollectionRequests,
  collectionRequestOutcome,
  fileCollectionRequest,
  finishCollectionRequests,
  hasPendingCollectionRequests,
  pruneCollectionRequests,
  type ClaimedRequest,
} from '../repositories/collection-requests';
import type { Collector } from './collector';
import type { LeaderLease } from './leader-lease';
import type { RunSummary, RunTrigger } from './summary';

/** How often the leader looks for requests, and an asking replica for its answer: a stop within ~1 s. */
export const REQUEST_POLL_MS = 250;
const PRUNE_MS = 60_000;
/** The key of a result that is the error the leader met, not a summary (which has its own `error`). */
const REQUEST_FAILED = 'request_failed';

export interface ReplicatedCollectorDeps {
  store: Store;
  /** this process's own collector: it runs only while `lease` is held */
  local: Collector;
  lease: LeaderLease;
  logger: Logger;
  /** what a `reset` request removes (DELETE /database) */
  removeData(): Promise<void>;
  pollMs?: number;
  /** how long a replica that is not the collector waits for what it asked (COLLECTION_REQUEST_WAIT_MS) */
  waitMs: number;
  /** how often finished requests are pruned */
  pruneMs?: number;
}

export interface ReplicatedCollector extends Collector {
  /** Starts serving the requests other replicas file, while this one holds the lease. */
  start(): void;
  /** Stops serving requests and the running collection (shutdown). */
  close(): Promise<void>;
}

/**
 * The collector replicas share. The lease holder collects itself; another replica files a request in
 * the database that the holder carries out, and waits for its result row (a run's summary). Before
 * `start()` (one process, tests, the CLIs) every call is local, as without replicas.
 */
export function createReplicatedCollector(deps: ReplicatedCollectorDeps): ReplicatedCollector {
  return new Replicated(deps);
}

class Replicated implements ReplicatedCollector {
  private started = false;
  private closing = false;
  private timer: NodeJS.Timeout | undefined;
  private pruner: NodeJS.Timeout | undefined;
  private serving: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly pollMs: number;

  constructor(private readonly deps: ReplicatedCollectorDeps) {
    this.pollMs = deps.pollMs ?? REQUEST_POLL_MS;
  }

  run(trigger: RunTrigger, signal?: AbortSignal): Promise<RunSummary> {
    if (!this.started) return this.deps.local.run(trigger);
    if (this.deps.lease.isLeader()) return this.runOnRecord(trigger);
    return this.ask('run', signal).then((result) => JSON.parse(result) as RunSummary);
  }

  reset(removeData: () => Promise<void>, signal?: AbortSignal): Promise<void> {
    if (!this.started || this.deps.lease.isLeader()) return this.deps.local.reset(removeData);
    return this.ask('reset', signal).then(() => undefined);
  }

  isRunning(): boolean {
    return this.deps.local.isRunning();
  }

  stop(): Promise<void> {
    return this.deps.local.stop();
  }

  start(): void {
    this.started = true;
    this.pruner = every(this.deps.pruneMs ?? PRUNE_MS, () => void this.prune());
    this.timer = every(this.pollMs, () => {
      this.serving ??= this.serve()
        .catch((error: unknown) => {
          this.deps.logger.warn('reading collection requests failed', { event: 'collection.error', error });
        })
        .finally(() => (this.serving = undefined));
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.timer);
    clearInterval(this.pruner);
    await this.serving;
    await this.deps.local.stop();
    await Promise.all(this.inFlight);
  }

  private ask(kind: CollectionRequestKind, signal?: AbortSignal): Promise<string> {
    return askLeader(this.deps, kind, { pollMs: this.pollMs, waitMs: this.deps.waitMs, signal });
  }

  /**
   * The leader's own run is on record while it lasts: should the leader die, the next one runs it
   * again. A record that cannot be written (the database unreachable) does not keep the run from trying.
   */
  private async runOnRecord(trigger: RunTrigger): Promise<RunSummary> {
    const { store, lease, local, logger } = this.deps;
    const id = await fileCollectionRequest(store, {
      kind: 'run',
      now: Date.now(),
      claimedBy: lease.holder,
    }).catch(
      (error: unknown) =>
        void logger.warn('the run could not be put on record', { event: 'collection.error', error }),
    );
    const summary = await local.run(trigger);
    if (id !== undefined) this.track(this.finish(id, JSON.stringify(summary)));
    return summary;
  }

  /** Every replica, the leader included, deletes requests finished long ago. */
  private async prune(): Promise<void> {
    await pruneCollectionRequests(this.deps.store, Date.now()).catch((error: unknown) => {
      this.deps.logger.warn('old collection requests not deleted', { event: 'collection.error', error });
    });
  }

  private async serve(): Promise<void> {
    const { store, lease } = this.deps;
    if (!lease.isLeader() || !(await hasPendingCollectionRequests(store, lease.holder))) return;
    const claimed = await claimCollectionRequests(store, lease.holder);
    for (const request of claimed) this.track(this.carryOut(request));
  }

  private async carryOut(request: ClaimedRequest): Promise<void> {
    const { local } = this.deps;
    const result = await (
      request.kind === 'run'
        ? local.run('request').then((summary) => JSON.stringify(summary))
        : local.reset(() => this.deps.removeData()).then(() => '{}')
    ).catch((error: unknown) => JSON.stringify({ [REQUEST_FAILED]: (error as Error).message }));
    await this.finish(request.id, result);
  }

  /** A leader that lost the lease, or is shutting down, leaves the request to the next one. */
  private async finish(id: number, result: string): Promise<void> {
    const { store, lease } = this.deps;
    if (this.closing || !lease.isLeader()) return;
    await finishCollectionRequests(store, { ids: [id], holder: lease.holder, result, now: Date.now() });
  }

  private track(work: Promise<void>): void {
    const tracked = work
      .catch((error: unknown) => {
        this.deps.logger.error('a collection request failed', { event: 'collection.error', error });
      })
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }
}

function every(ms: number, work: () => void): NodeJS.Timeout {
  const timer = setInterval(work, ms);
  timer.unref();
  return timer;
}

/**
 * Files the request and polls its row until the leader wrote the result; a 504 after `waitMs`. A
 * client that went away (`signal`) stops the waiting; the leader carries the request out all the same.
 */
async function askLeader(
  deps: ReplicatedCollectorDeps,
  kind: CollectionRequestKind,
  { pollMs, waitMs, signal }: { pollMs: number; waitMs: number; signal?: AbortSignal },
): Promise<string> {
  const id = await fileCollectionRequest(deps.store, { kind, now: Date.now() });
  deps.logger.info(`asked the collector replica to ${kind === 'run' ? 'collect' : 'stop and delete'}`, {
    event: 'collection.request',
    request_id: id,
    kind,
  });
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    await sleep(pollMs, undefined, { signal }).catch(() => undefined);
    if (signal?.aborted) throw clientGone(deps, id);
    const { finished, result } = await collectionRequestOutcome(deps.store, id);
    if (!finished) continue;
    const failure = (JSON.parse(result ?? '{}') as Record<string, unknown>)[REQUEST_FAILED];
    if (typeof failure === 'string') throw new AppError(502, `the collector replica failed: ${failure}`);
    return result ?? '{}';
  }
  throw new AppError(
    504,
    `the collector replica did not finish within ${Math.ceil(waitMs / 1000)} s; it goes on`,
    {
      headers: { 'Retry-After': '60' },
    },
  );
}

function clientGone(deps: ReplicatedCollectorDeps, id: number): AppError {
  deps.logger.info('the client went away: no longer waiting for the collector replica', {
    event: 'collection.request_abandoned',
    request_id: id,
  });
  return new AppError(499, 'the client closed the request');
}
