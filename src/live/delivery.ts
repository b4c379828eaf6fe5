import type { DataSource } from 'typeorm';
import type { Logger } from 'winston';
import type { AppMetrics } from '../observability/metrics';
import { postEventBounds, readPostEvents } from '../repositories/post-events';
import type { LiveClient } from './client';
import { postFrame, reloadFrame } from './frames';
import type { RecentEvents } from './recent-events';
import { Semaphore } from './semaphore';

/**
 * Events in one page: what the hub reads at once, and the span of sequence a client behind the
 * recent events reads from the database at once (however few match its filter, so each query stays
 * short).
 */
export const EVENTS_PER_PAGE = 500;
/** Database pages read at once for clients behind: resumes never take the connection pool. */
const CONCURRENT_PAGES = 2;

export interface DeliveryDeps {
  dataSource: DataSource;
  metrics: AppMetrics['live'];
  logger: Logger;
  recent: RecentEvents;
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
    const { dataSource, recent, metrics, logger } = this.deps;
    client.reading = true;
    try {
      await this.pages.run(async () => {
        if (client.closed) return;
        const target = recent.newest;
        const { oldest } = await postEventBounds(dataSource);
        if (oldest > 0 && client.cursor < oldest - 1) {
          client.cursor = target;
          client.write(reloadFrame('outside_window', target));
          metrics.eventsSent.inc({ type: 'reload' });
          return;
        }
        const upToSeq = Math.min(target, client.cursor + EVENTS_PER_PAGE);
        const events = await readPostEvents(
          dataSource,
          { afterSeq: client.cursor, upToSeq, limit: EVENTS_PER_PAGE },
          client.filter,
        );
        client.cursor = upToSeq;
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
