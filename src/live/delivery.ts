import type { Store } from '../repositories/store';
import type { Logger } from 'winston';
import type { AppMetrics } from '../observability/metrics';
import { readPostEvents } from '../repositories/post-events';
import type { LiveClient } from './client';
import { postFrame, reloadFrame } from './frames';
import type { RecentEvents } from './recent-events';
import { Semaphore } from './semaphore';

/** Events in one page: what the hub reads at once, and what a client behind the recent events is sent at once. */
export const EVENTS_PER_PAGE = 500;
/**
 * The span of sequence one page of a client behind looks through at most: a filter that matches
 * little costs a few short queries, not one per page of events nor one scan of the whole window.
 */
const SEQS_PER_PAGE = 5000;
/** Database pages read at once for clients behind: resumes never take the connection pool. */
const CONCURRENT_PAGES = 2;

export interface DeliveryDeps {
  store: Store;
  metrics: AppMetrics['live'];
  logger: Logger;
  recent: RecentEvents;
  /** the newest events every replica keeps (it prunes only older ones): a client further behind reloads */
  replayWindow: number;
}

/**
 * Writes each client what it is owed, from its own cursor: from the recent events in memory, or
 * page by page from the database (filtered there) when it is further behind; never more than its
 * buffer bound at once, and again when its socket drains.
 */
export class Delivery {
  private readonly pages = new Semaphore(CONCURRENT_PAGES);

  constructor(private readonly deps: DeliveryDeps) {}

  feedAll(clients: Iterable<LiveClient>): void {
    for (const client of clients) this.feed(client);
  }

  feed(client: LiveClient): void {
    const { recent, metrics } = this.deps;
    while (!client.reading && client.hasRoom && client.cursor < recent.newest) {
      if (!recent.covers(client.cursor)) {
        void this.readPage(client);
        return;
      }
      const chunk = recent.chunkAfter(client.cursor, client.filter);
      if (!chunk) return;
      client.cursor = chunk.last;
      if (chunk.frames === 0) continue;
      client.write(chunk.text, () => this.feed(client));
      metrics.eventsSent.inc({ type: 'post' }, chunk.frames);
    }
  }

  /** The next page after the client's cursor from the database, or a reload once it is gone. */
  private async readPage(client: LiveClient): Promise<void> {
    const { store, recent, metrics, logger } = this.deps;
    client.reading = true;
    try {
      await this.pages.run(async () => {
        if (client.closed) return;
        const target = recent.newest;
        if (client.cursor < target - this.deps.replayWindow) {
          client.cursor = target;
          client.write(reloadFrame('outside_window', target));
          metrics.eventsSent.inc({ type: 'reload' });
          return;
        }
        const upToSeq = Math.min(target, client.cursor + SEQS_PER_PAGE);
        const events = await readPostEvents(
          store,
          { afterSeq: client.cursor, upToSeq, limit: EVENTS_PER_PAGE },
          client.filter,
        );
        client.cursor = events.length === EVENTS_PER_PAGE ? events[events.length - 1]!.seq : upToSeq;
        client.write(events.map((event) => postFrame(event.seq, event.post)).join(''), () =>
          this.feed(client),
        );
        metrics.eventsSent.inc({ type: 'post' }, events.length);
      });
    } catch (error) {
      logger.error('live catch-up read failed', { event: 'live.error', error });
      client.drop();
    } finally {
      client.reading = false;
    }
    this.feed(client);
  }
}
