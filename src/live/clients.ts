import type { Response } from 'express';
import type { Logger } from 'winston';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { AppMetrics } from '../observability/metrics';
import { LiveClient, type ClientFilter } from './client';

export interface ClientLimits {
  maxClients: number;
  maxClientsPerAddress: number;
  clientBufferBytes: number;
  slowClientMs: number;
}

/** Seconds a refused client is asked to wait. */
const RETRY_AFTER_SECONDS = '5';

/**
 * The connected event-stream clients: who may connect (a cap for the process and one per client
 * address, so one address cannot take every connection), frames sent to them all, and the drop of
 * clients that stay slow.
 */
export class LiveClients implements Iterable<LiveClient> {
  private readonly clients = new Set<LiveClient>();
  private readonly perAddress = new Map<string, number>();

  constructor(
    private readonly metrics: AppMetrics['live'],
    private readonly logger: Logger,
    private readonly limits: ClientLimits,
    private readonly clock: Clock,
  ) {}

  get size(): number {
    return this.clients.size;
  }

  [Symbol.iterator](): Iterator<LiveClient> {
    return this.clients.values();
  }

  /** Throws the problem answer when `address` may not open one more stream. */
  admit(address: string): void {
    const { maxClients, maxClientsPerAddress } = this.limits;
    if (this.clients.size >= maxClients) {
      throw this.refuse('clients', 503, `the live event stream serves at most ${maxClients} clients`);
    }
    if ((this.perAddress.get(address) ?? 0) >= maxClientsPerAddress) {
      throw this.refuse(
        'address',
        429,
        `the live event stream serves at most ${maxClientsPerAddress} clients per address`,
      );
    }
  }

  refuse(
    cap: 'clients' | 'address' | 'resumes' | 'closing',
    status: number,
    detail: string,
    retryAfter = RETRY_AFTER_SECONDS,
  ): AppError {
    this.metrics.clientsRefused.inc({ cap });
    return new AppError(status, detail, { headers: { 'Retry-After': retryAfter } });
  }

  /** A new client from `cursor` on, counted until its response closes. */
  add(res: Response, filter: ClientFilter, address: string, cursor: number): LiveClient {
    const client = new LiveClient(res, filter, address, cursor, this.limits.clientBufferBytes, this.clock);
    this.clients.add(client);
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    this.metrics.clients.set(this.clients.size);
    res.on('close', () => this.remove(client));
    return client;
  }

  /** One frame to every client with room for it; how many took it. */
  broadcast(frame: string): number {
    let sent = 0;
    for (const client of this.clients) {
      if (!client.hasRoom) continue;
      client.write(frame);
      sent++;
    }
    return sent;
  }

  /** Drops every client that has stayed over its buffer bound for the slow-client time. */
  dropSlow(now: number): void {
    for (const client of this.clients) {
      if (!client.isSlow(now, this.limits.slowClientMs)) continue;
      this.metrics.clientsDropped.inc({ reason: 'slow' });
      this.logger.warn('live client dropped: it read nothing for too long', {
        event: 'live.client_dropped',
        reason: 'slow',
        unsent_bytes: client.unsentBytes,
        slow_for_ms: this.limits.slowClientMs,
        'client.address': client.address,
      });
      client.drop();
    }
  }

  endAll(): void {
    for (const client of this.clients) client.end();
  }

  private remove(client: LiveClient): void {
    client.closed = true;
    if (!this.clients.delete(client)) return;
    const left = (this.perAddress.get(client.address) ?? 1) - 1;
    if (left > 0) this.perAddress.set(client.address, left);
    else this.perAddress.delete(client.address);
    this.metrics.clients.set(this.clients.size);
  }
}
