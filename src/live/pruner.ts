import type { Store } from '../repositories/store';
import type { Logger } from 'winston';
import { prunePostEvents } from '../repositories/post-events';

/**
 * Keeps `post_events` between the replay window and a tenth more: one delete per tenth of a window
 * delivered, one at a time.
 */
export class PostEventPruner {
  private prunedAt = 0;
  private latest = 0;
  private pruning: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly replayWindow: number,
  ) {}

  /** The hub has delivered up to `cursor`. */
  delivered(cursor: number): void {
    this.latest = Math.max(this.latest, cursor);
    const step = Math.max(1, Math.floor(this.replayWindow / 10));
    if (this.closed || this.pruning || cursor - this.prunedAt < step) return;
    this.prunedAt = cursor;
    this.pruning = this.prune(cursor).finally(() => {
      this.pruning = undefined;
      this.delivered(this.latest); // what was delivered meanwhile
    });
  }

  /** Waits for the delete in progress; no more start. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pruning;
  }

  private async prune(cursor: number): Promise<void> {
    try {
      const removed = await prunePostEvents(this.store, this.replayWindow, cursor);
      if (removed > 0) this.logger.debug('pruned post events', { event: 'live.pruned', removed });
    } catch (error) {
      this.logger.error('pruning post events failed', { event: 'live.error', error });
    }
  }
}
