import type { Response } from 'express';
import type { Logger } from 'winston';
import type { AppMetrics } from '../observability/metrics';
import type { StoredPostEvent } from '../repositories/post-events';
import { LiveClient, matches, type ClientFilter } from './client';
import { postFrame } from './frames';

/** The connected event-stream clients: live delivery of post events, and frames sent to them all. */
export class LiveClients {
  private readonly clients = new Set<LiveClient>();

  constructor(
    private readonly metrics: AppMetrics['live'],
    private readonly logger: Logger,
    private readonly bufferBytes: number,
  ) {}

  get size(): number {
    return this.clients.size;
  }

  /** A new client from `cursor` on, counted until its response closes. */
  add(res: Response, filter: ClientFilter, cursor: number): LiveClient {
    const client = new LiveClient(res, filter, cursor, this.bufferBytes, (dropped) => this.drop(dropped));
    this.clients.add(client);
    this.metrics.clients.set(this.clients.size);
    res.on('close', () => {
      client.closed = true;
      this.clients.delete(client);
      this.metrics.clients.set(this.clients.size);
    });
    return client;
  }

  /** The events, in order, to every client that is not replaying, each through its own filter. */
  deliver(events: StoredPostEvent[]): void {
    // Clients with the same filter share one chunk: built once, written to each.
    const chunks = new Map<string, { chunk: string; frames: number }>();
    const newest = events[events.length - 1]!.seq;
    let sent = 0;
    for (const client of this.clients) {
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
    this.metrics.eventsSent.inc({ type: 'post' }, sent);
  }

  /** One frame to every client in live delivery; how many took it. */
  broadcast(frame: string): number {
    let sent = 0;
    for (const client of this.clients) if (!client.replaying && client.send(frame)) sent++;
    return sent;
  }

  endAll(): void {
    for (const client of this.clients) client.end();
    this.clients.clear();
    this.metrics.clients.set(0);
  }

  private drop(client: LiveClient): void {
    this.metrics.clientsDropped.inc();
    this.logger.warn('live client dropped: too much unsent data', {
      event: 'live.client_dropped',
      unsent_bytes: client.res.writableLength,
    });
  }
}

/** The frames of the events after the client's cursor that its filter lets through. */
export function framesFor(events: StoredPostEvent[], client: LiveClient): { chunk: string; frames: number } {
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
