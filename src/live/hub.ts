import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from 'winston';
import type { Config } from '../config';
import { dialectOf } from '../database';
import { AppError } from '../errors';
import { onPostsStored, type PostsStored } from '../notifications/posts-stored';
import type { AppMetrics } from '../observability/metrics';
import { entriesPerTag, postEventBounds, readPostEvents } from '../repositories/post-events';
import type { ClientFilter } from './client';
import { LiveClients } from './clients';
import { CommitOrder } from './commit-order';
import { heartbeatFrame, retryFrame, statsFrame } from './frames';
import { PostEventPruner } from './pruner';
import { EVENTS_PER_READ, replay } from './replay';

const COALESCE_MS = 20;
/**
 * How often the hub looks for post events it was not told of: stored by another process on the same
 * database (`npm run collect`, or another replica while LISTEN is down). Within the second replicas promise.
 */
export const POLL_MS = 200;
/** PostgreSQL: how long a gap in the sequence may wait for a transaction in flight (commit-order.ts). */
export const COMMIT_GRACE_MS = 1000;

export interface LiveHubDeps {
  dataSource: DataSource;
  config: Readonly<Config['live']>;
  metrics: AppMetrics['live'];
  logger: Logger;
}

export interface LiveHub {
  /** Serves one event-stream request until the client leaves or the hub closes. */
  connect(req: Request, res: Response, filter: ClientFilter, lastEventId: number | undefined): Promise<void>;
  /** Ends every stream (browsers reconnect elsewhere) and stops the timers. */
  close(): Promise<void>;
}

/**
 * The live event stream: one "posts stored" notification after each committed write makes it read
 * the new post events from the database and write them to every client whose filter they match.
 */
export function createLiveHub(deps: LiveHubDeps): LiveHub {
  const { dataSource, config, metrics, logger } = deps;
  const clients = new LiveClients(metrics, logger, config.clientBufferBytes);
  const pruner = new PostEventPruner(dataSource, logger, config.replayWindow);
  const position = new Position(deps, clients, pruner);
  const unsubscribe = onPostsStored(dataSource, (stored: PostsStored) => position.stored(stored));
  const timers = [
    setInterval(() => void position.sendStats(), 1000),
    setInterval(() => clients.broadcast(heartbeatFrame), config.heartbeatMs),
    setInterval(() => position.poll(), POLL_MS),
  ];
  timers.forEach((timer) => timer.unref());
  let closed = false;

  return {
    async connect(_req, res, filter, lastEventId) {
      if (closed || clients.size >= config.maxClients) {
        metrics.clientsRefused.inc();
        throw new AppError(503, `the live event stream serves at most ${config.maxClients} clients`, {
          headers: { 'Retry-After': '5' },
        });
      }
      await position.ready;
      openStream(res);
      const client = clients.add(res, filter, position.cursor);
      client.send(retryFrame);
      if (lastEventId !== undefined) {
        await replay({ dataSource, metrics }, client, lastEventId, () => position.cursor);
      }
    },
    async close() {
      closed = true;
      unsubscribe();
      timers.forEach(clearInterval);
      clients.endAll();
      // The first read too: the database closes after the hub.
      await Promise.all([position.close(), pruner.close()]);
    },
  };
}

/**
 * The hub's place in the `post_events` sequence: reads what was stored after it and delivers it, at
 * most once every COALESCE_MS (under a burst of small commits each client gets fewer, larger writes),
 * or moves on without reading while nobody listens.
 */
class Position {
  cursor = 0;
  readonly ready: Promise<void>;
  private closed = false;
  private pumping: Promise<void> | undefined;
  private pumpAgain = false;
  private lastPumpAt = 0;
  private postsThisSecond = 0;
  private readonly commitOrder: CommitOrder;

  constructor(
    private readonly deps: LiveHubDeps,
    private readonly clients: LiveClients,
    private readonly pruner: PostEventPruner,
  ) {
    const { dataSource, logger } = deps;
    this.commitOrder = new CommitOrder(dialectOf(dataSource) === 'postgres' ? COMMIT_GRACE_MS : 0);
    this.ready = postEventBounds(dataSource)
      .then(({ newest }) => void (this.cursor = Math.max(this.cursor, newest)))
      .catch((error: unknown) => {
        logger.error('live events: the newest stored event could not be read', {
          event: 'live.start_failed',
          error,
        });
      });
  }

  /** This process (or, by LISTEN/NOTIFY, another replica) committed post events. */
  stored(stored: PostsStored): void {
    if (this.clients.size === 0 && !this.pumping) void this.ready.then(() => this.skipTo(stored.lastSeq));
    else this.wake();
  }

  /** What other processes stored: read with the next pump, or skipped over while nobody listens. */
  poll(): void {
    if (this.clients.size > 0 || this.pumping) return this.wake();
    void this.ready
      .then(() => postEventBounds(this.deps.dataSource))
      .then(({ newest }) => this.clients.size === 0 && !this.pumping && this.skipTo(newest))
      .catch((error: unknown) =>
        this.deps.logger.error('live polling failed', { event: 'live.error', error }),
      );
  }

  async sendStats(): Promise<void> {
    const postsPerSecond = this.postsThisSecond;
    this.postsThisSecond = 0;
    if (this.clients.size === 0) return;
    try {
      const tags = await entriesPerTag(this.deps.dataSource);
      const frame = statsFrame({ time: new Date().toISOString(), posts_per_second: postsPerSecond, tags });
      this.deps.metrics.eventsSent.inc({ type: 'stats' }, this.clients.broadcast(frame));
    } catch (error) {
      this.deps.logger.error('live stats failed', { event: 'live.error', error });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([this.ready, this.pumping]);
  }

  private wake(): void {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    const wait = Math.max(0, this.lastPumpAt + COALESCE_MS - Date.now());
    this.pumping = this.ready
      .then(() => (wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : undefined))
      .then(() => {
        this.lastPumpAt = Date.now();
        return this.pump();
      })
      .catch((error: unknown) => {
        this.deps.logger.error('live delivery failed', { event: 'live.error', error });
      })
      .finally(() => {
        this.pumping = undefined;
        if (this.pumpAgain && !this.closed) {
          this.pumpAgain = false;
          this.wake();
        }
      });
  }

  private async pump(): Promise<void> {
    for (;;) {
      const read = await readPostEvents(this.deps.dataSource, this.cursor, EVENTS_PER_READ);
      const deliverable = this.commitOrder.deliverable(
        this.cursor,
        read.map((event) => event.seq),
      );
      const events = read.slice(0, deliverable);
      if (events.length === 0) return;
      this.clients.deliver(events);
      this.postsThisSecond += events.length;
      this.cursor = events[events.length - 1]!.seq;
      this.pruner.delivered(this.cursor);
      if (events.length < EVENTS_PER_READ) return;
    }
  }

  // Nobody to deliver to: move on without reading the events back.
  private skipTo(seq: number): void {
    this.postsThisSecond += Math.max(0, seq - this.cursor);
    this.cursor = Math.max(this.cursor, seq);
    this.pruner.delivered(this.cursor);
  }
}

function openStream(res: Response): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  // no-transform: proxies and compression must pass each event on as it comes.
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('X-Accel-Buffering', 'no');
  res.setHeader('Connection', 'keep-alive');
  res.flushHeaders();
  res.socket?.setNoDelay(true);
}
