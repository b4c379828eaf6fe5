import type { Request, Response } from 'express';
import type { Store } from '../repositories/store';
import type { Logger } from 'winston';
import { sleep, systemClock, type Clock, type Timer } from '../clock';
import type { Config } from '../config';
import type { PostsStored } from '../repositories/store';
import type { AppMetrics } from '../observability/metrics';
import { entriesPerTag, postEventBounds, readPostEvents } from '../repositories/post-events';
import type { ClientFilter } from './client';
import { LiveClients } from './clients';
import { CommitOrder } from './commit-order';
import { Delivery, EVENTS_PER_PAGE } from './delivery';
import { heartbeatFrame, postFrame, reloadFrame, retryFrame, statsFrame, type ReloadReason } from './frames';
import { PostEventPruner } from './pruner';
import { RecentEvents } from './recent-events';
import { ResumeLimit } from './resume-limit';

const COALESCE_MS = 20;
/**
 * How often the hub looks for post events it was not told of: stored by another process on the same
 * database (`npm run collect`, or another replica while LISTEN is down). Within the second replicas promise.
 */
export const POLL_MS = 200;
/** PostgreSQL: how long a gap in the sequence may wait for a transaction in flight (commit-order.ts). */
export const COMMIT_GRACE_MS = 1000;
/** Most recent events kept in memory for clients a little behind, whatever the replay window. */
const MAX_RECENT_EVENTS = 20_000;

export interface LiveHubDeps {
  store: Store;
  config: Readonly<Config['live']>;
  metrics: AppMetrics['live'];
  logger: Logger;
  /** the hub's timers and its clients' slowness; the system clock unless a test moves time itself */
  clock?: Clock;
}

export interface LiveHub {
  /** Serves one event-stream request until the client leaves or the hub closes. */
  connect(req: Request, res: Response, filter: ClientFilter, lastEventId: number | undefined): Promise<void>;
  /** Ends every stream (browsers reconnect elsewhere) and stops the timers. */
  close(): Promise<void>;
}

/**
 * The live event stream: one "posts stored" notification after each committed write makes it read
 * the new post events from the database, keep them in memory for a while, and feed every client from
 * its own position as fast as that client reads.
 */
export function createLiveHub(deps: LiveHubDeps): LiveHub {
  const { store, config, metrics, logger, clock = systemClock } = deps;
  const clients = new LiveClients(metrics, logger, config, clock);
  const recent = new RecentEvents(Math.min(config.replayWindow, MAX_RECENT_EVENTS));
  const { replayWindow } = config;
  const delivery = new Delivery({ store, metrics, logger, recent, replayWindow });
  const pruner = new PostEventPruner(store, logger, config.replayWindow);
  const position = new Position({ ...deps, clock }, clients, recent, () => delivery.feedAll(clients), pruner);
  const resumes = new ResumeLimit(config.resumesPerMinute);
  const unsubscribe = store.postsStored.subscribe((stored: PostsStored) => position.stored(stored));
  const timers = startTimers(clock, config, position, clients, delivery);
  let closed = false;

  /** Refuses a resume beyond the address's allowance: each may read older events. */
  function admitResume(address: string): void {
    const wait = resumes.take(address, clock.now());
    if (wait === 0) return;
    const detail = `at most ${config.resumesPerMinute} resumes a minute per address`;
    throw clients.refuse('resumes', 429, detail, String(wait));
  }

  return {
    async connect(req, res, filter, lastEventId) {
      const address = req.ip ?? 'unknown';
      if (closed) throw clients.refuse('closing', 503, 'the server is stopping');
      clients.admit(address);
      if (lastEventId !== undefined) admitResume(address);
      await position.ready;
      const start = startingPoint(recent.newest, replayWindow, lastEventId);
      // Checked again: others may have connected while this one waited.
      clients.admit(address);
      if (lastEventId !== undefined) {
        metrics.replayRequests.inc({ outcome: start.reload ? 'reload' : 'replayed' });
      }
      openStream(res, config.heartbeatMs);
      const client = clients.add(res, filter, address, start.cursor);
      client.write(retryFrame);
      if (start.reload) {
        client.write(reloadFrame(start.reload, start.cursor));
        metrics.eventsSent.inc({ type: 'reload' });
      }
      delivery.feed(client);
    },
    async close() {
      closed = true;
      unsubscribe();
      timers.forEach((timer) => clock.clearInterval(timer));
      clients.endAll();
      // The first read too: the database closes after the hub.
      await Promise.all([position.close(), pruner.close()]);
    },
  };
}

function startTimers(
  clock: Clock,
  config: Readonly<Config['live']>,
  position: Position,
  clients: LiveClients,
  delivery: Delivery,
): Timer[] {
  const timers = [
    clock.setInterval(() => position.sendStats(), 1000),
    clock.setInterval(() => clients.broadcast(heartbeatFrame), config.heartbeatMs),
    clock.setInterval(() => position.poll(), POLL_MS),
    // Slow clients are dropped, and clients with room fed again (a drain that came without its event).
    clock.setInterval(
      () => {
        clients.dropSlow(clock.now());
        delivery.feedAll(clients);
      },
      Math.min(1000, config.slowClientMs / 2),
    ),
  ];
  timers.forEach((timer) => timer.unref());
  return timers;
}

/**
 * Where a new client starts: the newest event, or after its Last-Event-ID when that is within the
 * window. Every replica keeps the newest `replayWindow` events (pruning removes only older ones), so
 * this needs no query.
 */
function startingPoint(
  newest: number,
  replayWindow: number,
  lastEventId: number | undefined,
): { cursor: number; reload?: ReloadReason } {
  if (lastEventId === undefined) return { cursor: newest };
  if (lastEventId > newest) return { cursor: newest, reload: 'unknown_id' };
  if (lastEventId < newest - replayWindow) return { cursor: newest, reload: 'outside_window' };
  return { cursor: lastEventId };
}

/**
 * The hub's place in the `post_events` sequence: reads what was stored after it into the recent
 * events and feeds the clients, at most once every COALESCE_MS (under a burst of small commits each
 * client gets fewer, larger writes), or moves on without reading while nobody listens.
 */
class Position {
  readonly ready: Promise<void>;
  private closed = false;
  private polling: Promise<unknown> | undefined;
  private pumping: Promise<void> | undefined;
  private pumpAgain = false;
  private lastPumpAt = 0;
  private postsThisSecond = 0;
  private readonly commitOrder: CommitOrder;

  constructor(
    private readonly deps: LiveHubDeps & { clock: Clock },
    private readonly clients: LiveClients,
    private readonly recent: RecentEvents,
    private readonly feedClients: () => void,
    private readonly pruner: PostEventPruner,
  ) {
    const { store, logger } = deps;
    this.commitOrder = new CommitOrder(store.dialect === 'postgres' ? COMMIT_GRACE_MS : 0);
    this.ready = postEventBounds(store)
      .then(({ newest }) => this.recent.restartAt(Math.max(this.cursor, newest)))
      .catch((error: unknown) => {
        logger.error('live events: the newest stored event could not be read', {
          event: 'live.start_failed',
          error,
        });
      });
  }

  get cursor(): number {
    return this.recent.newest;
  }

  /** This process (or, by LISTEN/NOTIFY, another replica) committed post events. */
  stored(stored: PostsStored): void {
    if (this.clients.size === 0 && !this.pumping) void this.ready.then(() => this.skipTo(stored.lastSeq));
    else void this.wake();
  }

  /** What other processes stored: read with the next pump, or skipped over while nobody listens. */
  poll(): Promise<unknown> {
    if (this.closed) return Promise.resolve();
    if (this.clients.size > 0 || this.pumping) return this.wake();
    // Remembered so that close() waits for it: the database closes after the hub.
    this.polling ??= this.ready
      .then(() => postEventBounds(this.deps.store))
      .then(({ newest }) => this.clients.size === 0 && !this.pumping && this.skipTo(newest))
      .catch((error: unknown) =>
        this.deps.logger.error('live polling failed', { event: 'live.error', error }),
      )
      .finally(() => {
        this.polling = undefined;
      });
    return this.polling;
  }

  async sendStats(): Promise<void> {
    const postsPerSecond = this.postsThisSecond;
    this.postsThisSecond = 0;
    if (this.clients.size === 0) return;
    try {
      const tags = await entriesPerTag(this.deps.store);
      const frame = statsFrame({
        time: new Date(this.deps.clock.now()).toISOString(),
        posts_per_second: postsPerSecond,
        tags,
      });
      this.deps.metrics.eventsSent.inc({ type: 'stats' }, this.clients.broadcast(frame));
    } catch (error) {
      this.deps.logger.error('live stats failed', { event: 'live.error', error });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([this.ready, this.pumping, this.polling]);
  }

  /** Resolves once the pump it started, or the one under way, is done. */
  private wake(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return this.pumping;
    }
    const { clock } = this.deps;
    const wait = Math.max(0, this.lastPumpAt + COALESCE_MS - clock.now());
    this.pumping = this.ready
      .then(() => (wait > 0 ? sleep(clock, wait) : undefined))
      .then(() => {
        this.lastPumpAt = clock.now();
        return this.pump();
      })
      .catch((error: unknown) => {
        this.deps.logger.error('live delivery failed', { event: 'live.error', error });
      })
      .finally(() => {
        this.pumping = undefined;
        if (this.pumpAgain && !this.closed) {
          this.pumpAgain = false;
          void this.wake();
        }
      });
    return this.pumping;
  }

  private async pump(): Promise<void> {
    for (;;) {
      const read = await readPostEvents(this.deps.store, {
        afterSeq: this.cursor,
        limit: EVENTS_PER_PAGE,
      });
      const deliverable = this.commitOrder.deliverable(
        this.cursor,
        read.map((event) => event.seq),
        this.deps.clock.now(),
      );
      const events = read.slice(0, deliverable);
      if (events.length === 0) return;
      this.recent.append(
        events.map(({ seq, post }) => ({ seq, tag: post.tag, lang: post.lang, frame: postFrame(seq, post) })),
      );
      this.feedClients();
      this.postsThisSecond += events.length;
      this.pruner.delivered(this.cursor);
      if (events.length < EVENTS_PER_PAGE) return;
    }
  }

  // Nobody to deliver to: move on without reading the events back.
  private skipTo(seq: number): void {
    if (seq <= this.cursor) return;
    this.postsThisSecond += seq - this.cursor;
    this.recent.restartAt(seq);
    this.pruner.delivered(this.cursor);
  }
}

function openStream(res: Response, heartbeatMs: number): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  // no-transform: proxies and compression must pass each event on as it comes.
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('X-Accel-Buffering', 'no');
  res.setHeader('Connection', 'keep-alive');
  res.flushHeaders();
  res.socket?.setNoDelay(true);
  // A peer that vanished without closing (half-open) is found by the kernel and the socket released.
  res.socket?.setKeepAlive(true, heartbeatMs);
}
