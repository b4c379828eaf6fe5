import type { Response } from 'express';
import type { Clock } from '../clock';

export interface ClientFilter {
  tag?: string;
  lang?: string;
}

/**
 * One event-stream connection with its own place in the event sequence. It is written to only while
 * what its socket has not sent stays under the bound, so its memory stays bounded however far behind
 * it falls; it is slow (and dropped) only when it stays over the bound for a while.
 */
export class LiveClient {
  /** the last event sequence this client has been given (or deliberately skipped); it never goes back */
  cursor: number;
  closed = false;
  /** a page of older events is being read for it from the database */
  reading = false;
  /** when what it owed was last seen under the bound: it drains, however busy */
  private underBoundAt: number;
  private awaitingDrain = false;

  constructor(
    readonly res: Response,
    readonly filter: ClientFilter,
    readonly address: string,
    cursor: number,
    private readonly bufferBytes: number,
    private readonly clock: Clock,
  ) {
    this.cursor = cursor;
    this.underBoundAt = clock.now();
  }

  get unsentBytes(): number {
    return this.res.writableLength;
  }

  /** Whether more may be written now. */
  get hasRoom(): boolean {
    if (this.closed || this.res.writableLength >= this.bufferBytes) return false;
    this.underBoundAt = this.clock.now();
    return true;
  }

  /** Writes unless the client is gone; `then` runs once the socket has drained, if it must. */
  write(chunk: string, then?: () => void): void {
    if (this.closed || !chunk) return;
    if (this.res.write(chunk) || !then || this.awaitingDrain) return;
    this.awaitingDrain = true;
    this.res.once('drain', () => {
      this.awaitingDrain = false;
      then();
    });
  }

  /** Whether the client has not drained under the bound for `slowMs` by `now`. */
  isSlow(now: number, slowMs: number): boolean {
    return !this.hasRoom && now - this.underBoundAt >= slowMs;
  }

  drop(): void {
    if (this.closed) return;
    this.closed = true;
    this.res.destroy();
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.res.end();
  }
}
