import type { DataSource } from 'typeorm';
import type { AppMetrics } from '../observability/metrics';
import { postEventBounds, readPostEvents } from '../repositories/post-events';
import type { LiveClient } from './client';
import { framesFor } from './clients';
import { reloadFrame } from './frames';

/** Post events read from the database at once, by live delivery and by replay. */
export const EVENTS_PER_READ = 500;

/**
 * Sends a reconnecting client the events after `lastEventId` up to the hub's position, then lets it
 * join live delivery in the same tick (no gap, no repeat). An id outside the kept window, or newer
 * than any stored, gets a `reload` event instead.
 */
export async function replay(
  deps: { dataSource: DataSource; metrics: AppMetrics['live'] },
  client: LiveClient,
  lastEventId: number,
  hubCursor: () => number,
): Promise<void> {
  const { dataSource, metrics } = deps;
  const { oldest } = await postEventBounds(dataSource);
  if (lastEventId > hubCursor() || (oldest > 0 && lastEventId < oldest - 1)) {
    metrics.replayRequests.inc({ outcome: 'reload' });
    const reason = lastEventId > hubCursor() ? 'unknown_id' : 'outside_window';
    if (client.send(reloadFrame(reason, client.cursor))) metrics.eventsSent.inc({ type: 'reload' });
    return;
  }
  metrics.replayRequests.inc({ outcome: 'replayed' });
  client.replaying = true;
  client.cursor = lastEventId;
  while (!client.closed && client.cursor < hubCursor()) {
    const target = hubCursor();
    const events = await readPostEvents(dataSource, client.cursor, EVENTS_PER_READ);
    const due = events.filter((event) => event.seq <= target);
    const { chunk, frames } = framesFor(due, client);
    if (chunk && client.send(chunk)) metrics.eventsSent.inc({ type: 'post' }, frames);
    client.cursor = due.length === EVENTS_PER_READ ? due[due.length - 1]!.seq : target;
    await client.drained();
  }
  client.replaying = false;
}
