import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from 'winston';
import type { Config } from '../config';
import { AppError } from '../errors';
import { onPostsStored, type PostsStored } from '../notifications/posts-stored';
import type { AppMetrics } from '../observability/metrics';
import {
  entriesPerTag,
  postEventBounds,
  prunePostEvents,
  readPostEvents,
  type StoredPostEvent,
} from '../repositories/post-events';
import { LiveClient, matches, type ClientFilter } from './client';
import { heartbeatFrame, postFrame, reloadFrame, retryFrame, statsFrame } from './frames';

const PAGE = 500;
const COALESCE_MS = 20;

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
// eslint-disable-next-line max-lines-per-function -- one closure over the hub's clients and cursor; to be split into delivery, replay and stats (noted in the closing note)
export function createLiveHub(deps: LiveHubDeps): LiveHub {
  const { dataSource, config, metrics, logger } = deps;
  const clients = new Set<LiveClient>();
  let cursor = 0;
  let closed = false;
  let postsThisSecond = 0;
  const ready = postEventBounds(dataSource).then(({ newest }) => (cursor = Math.max(cursor, newest)));

  const drop = (client: LiveClient) => {
    metrics.clientsDropped.inc();
    logger.warn('live client dropped: too much unsent data', {
      event: 'live.client_dropped',
      unsent_bytes: client.res.writableLength,
    });
  };

  let pumping: Promise<void> | undefined;
  let pumpAgain = false;
  let lastPumpAt = 0;
  const wake = () => {
    if (pumping) {
      pumpAgain = true;
      return;
    }
    // At most one read and one write per client every COALESCE_MS: under a burst of small commits
    // each client gets fewer, larger writes.
    const wait = Math.max(0, lastPumpAt + COALESCE_MS - Date.now());
    pumping = ready
      .then(() => (wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : undefined))
      .then(() => {
        lastPumpAt = Date.now();
        return pump();
      })
      .catch((error: unknown) => {
        logger.error('live delivery failed', { event: 'live.error', error });
      })
      .finally(() => {
        pumping = undefined;
        if (pumpAgain && !closed) {
          pumpAgain = false;
          wake();
        }
      });
  };

  async function pump(): Promise<void> {
    for (;;) {
      const events = await readPostEvents(dataSource, cursor, PAGE);
      if (events.length === 0) return;
      deliver(events);
      cursor = events[events.length - 1]!.seq;
      maybePrune();
      if (events.length < PAGE) return;
    }
  }

  function deliver(events: StoredPostEvent[]): void {
    // Clients with the same filter share one chunk: built once, written to each.
    const chunks = new Map<string, { chunk: string; frames: number }>();
    const newest = events[events.length - 1]!.seq;
    let sent = 0;
    for (const client of clients) {
      if (client.replaying || client.closed) continue;
      let shared = chunks.get(client.filterKey);
      if (shared === undefined) {
        shared = framesFor(events, client);
        chunks.set(client.filterKey, shared);
      }
      const { chunk, frames } = events[0]!.seq > client.cursor ? shared : framesFor(events, client);
      if (chunk && client.send(chunk)) sent += frames;
      client.cursor = Math.max(client.cursor, newest);
    }
    metrics.eventsSent.inc({ type: 'post' }, sent);
  }

  const unsubscribe = onPostsStored(dataSource, (stored: PostsStored) => {
    postsThisSecond += stored.lastSeq - stored.firstSeq + 1;
    if (clients.size === 0 && !pumping) {
      // Nobody to deliver to: move on without reading the events back.
      void ready.then(() => {
        cursor = Math.max(cursor, stored.lastSeq);
        maybePrune();
      });
      return;
    }
    wake();
  });

  const statsTimer = setInterval(() => void sendStats(), 1000);
  const heartbeatTimer = setInterval(() => broadcast(heartbeatFrame), config.heartbeatMs);
  for (const timer of [statsTimer, heartbeatTimer]) timer.unref();

  async function sendStats(): Promise<void> {
    const postsPerSecond = postsThisSecond;
    postsThisSecond = 0;
    if (clients.size === 0) return;
    try {
      const tags = await entriesPerTag(dataSource);
      const frame = statsFrame({
        time: new Date().toISOString(),
        posts_per_second: postsPerSecond,
        tags,
      });
      metrics.eventsSent.inc({ type: 'stats' }, broadcast(frame));
    } catch (error) {
      logger.error('live stats failed', { event: 'live.error', error });
    }
  }

  // The table stays between the window and a tenth more: one delete per tenth of a window delivered.
  let prunedAt = 0;
  let pruning: Promise<void> | undefined;
  function maybePrune(): void {
    if (closed || pruning || cursor - prunedAt < Math.max(1, Math.floor(config.replayWindow / 10))) return;
    prunedAt = cursor;
    pruning = prune().finally(() => {
      pruning = undefined;
      maybePrune();
    });
  }

  async function prune(): Promise<void> {
    try {
      const removed = await prunePostEvents(dataSource, config.replayWindow, cursor);
      if (removed > 0) logger.debug('pruned post events', { event: 'live.pruned', removed });
    } catch (error) {
      logger.error('pruning post events failed', { event: 'live.error', error });
    }
  }

  function broadcast(frame: string): number {
    let sent = 0;
    for (const client of clients) if (!client.replaying && client.send(frame)) sent++;
    return sent;
  }

  async function connect(
    req: Request,
    res: Response,
    filter: ClientFilter,
    lastEventId: number | undefined,
  ): Promise<void> {
    if (closed || clients.size >= config.maxClients) {
      metrics.clientsRefused.inc();
      throw new AppError(503, `the live event stream serves at most ${config.maxClients} clients`, {
        headers: { 'Retry-After': '5' },
      });
    }
    await ready;
    const client = new LiveClient(res, filter, cursor, config.clientBufferBytes, drop);
    openStream(res);
    clients.add(client);
    metrics.clients.set(clients.size);
    res.on('close', () => {
      client.closed = true;
      clients.delete(client);
      metrics.clients.set(clients.size);
    });
    client.send(retryFrame);
    if (lastEventId !== undefined) await replay(client, lastEventId);
  }

  async function replay(client: LiveClient, lastEventId: number): Promise<void> {
    const { oldest } = await postEventBounds(dataSource);
    if (lastEventId > cursor || (oldest > 0 && lastEventId < oldest - 1)) {
      metrics.replayRequests.inc({ outcome: 'reload' });
      const reason = lastEventId > cursor ? 'unknown_id' : 'outside_window';
      if (client.send(reloadFrame(reason, client.cursor))) metrics.eventsSent.inc({ type: 'reload' });
      return;
    }
    metrics.replayRequests.inc({ outcome: 'replayed' });
    client.replaying = true;
    client.cursor = lastEventId;
    // Catch up to the hub's own position, then join live delivery in the same tick (no gap, no repeat).
    while (!client.closed && client.cursor < cursor) {
      const target = cursor;
      const events = await readPostEvents(dataSource, client.cursor, PAGE);
      const due = events.filter((event) => event.seq <= target);
      const chunk = due
        .filter((event) => matches(client.filter, event.post))
        .map((event) => postFrame(event.seq, event.post))
        .join('');
      if (chunk && client.send(chunk)) metrics.eventsSent.inc({ type: 'post' }, countFrames(chunk));
      client.cursor = due.length === PAGE ? due[due.length - 1]!.seq : target;
      await client.drained();
    }
    client.replaying = false;
  }

  return {
    connect,
    async close() {
      closed = true;
      unsubscribe();
      [statsTimer, heartbeatTimer].forEach(clearInterval);
      for (const client of clients) client.end();
      clients.clear();
      metrics.clients.set(0);
      await Promise.all([pumping, pruning]);
    },
  };
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

/** The frames of the events after the client's cursor that its filter lets through. */
function framesFor(events: StoredPostEvent[], client: LiveClient): { chunk: string; frames: number } {
  let chunk = '';
  let frames = 0;
  for (const event of events) {
    if (event.seq > client.cursor && matches(client.filter, event.post)) {
      chunk += postFrame(event.seq, event.post);
      frames++;
    }
  }
  return { chunk, frames };
}

const countFrames = (chunk: string): number => chunk.split('\nevent: post\n').length - 1;
