import type { Response } from 'express';

export interface ClientFilter {
  tag?: string;
  lang?: string;
}

/**
 * One event-stream connection. Writes never wait: when what the socket has not sent yet exceeds the
 * bound, the client is dropped instead of holding the others back or growing memory.
 */
export class LiveClient {
  /** the last event sequence this client has been given (or deliberately skipped) */
  cursor: number;
  /** replaying from Last-Event-ID: live delivery waits until it has caught up */
  replaying = false;
  closed = false;

  constructor(
    readonly res: Response,
    readonly filter: ClientFilter,
    cursor: number,
    private readonly bufferBytes: number,
    private readonly onDrop: (client: LiveClient) => void,
  ) {
    this.cursor = cursor;
  }

  get filterKey(): string {
    return `${this.filter.tag ?? ''}\u0000${this.filter.lang ?? ''}`;
  }

  /** Whether the socket has room for more; false once dropped. */
  send(chunk: string): boolean {
    if (this.closed) return false;
    if (this.res.writableLength > this.bufferBytes) {
      this.closed = true;
      this.onDrop(this);
      this.res.destroy();
      return false;
    }
    if (chunk) this.res.write(chunk);
    return true;
  }

  /** Resolves when the response stops asking writers to wait (or the client is gone). */
  drained(): Promise<void> {
    if (this.closed || !this.res.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.once('drain', done);
      this.res.once('close', done);
    });
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.res.end();
  }
}

export const matches = (filter: ClientFilter, post: { tag: string; lang: string }): boolean =>
  (filter.tag === undefined || filter.tag === post.tag) &&
  (filter.lang === undefined || filter.lang === post.lang);
