import { EntitySchema } from 'typeorm';

/**
 * One write's events waiting to be published to NATS JetStream, written in the same transaction as the
 * change they report (only when NATS_URL is set): what changed, compactly, and the ids of the events it
 * makes (one row per write: a page of 100 posts is one insert and one delete, not a hundred). The relay
 * reads rows in `seq` order; its publishing thread builds the events (src/events/cloud-events.ts) and
 * publishes each with its id as the JetStream message id (a retry within the duplicate window is stored
 * once); a row is deleted only after JetStream acknowledged every event of it.
 */
export interface OutboxRow {
  seq: number;
  /** how many events the row makes: the outbox's depth and bound count events */
  events: number;
  /** the CloudEvents ids, also the JetStream message ids, one a line */
  ids: string;
  /** the change, JSON (src/events/changes.ts) */
  change: string;
  /** ISO 8601 UTC with milliseconds: the write's time, its events' `time` */
  createdAt: string;
}

export const OutboxEntity = new EntitySchema<OutboxRow>({
  name: 'Outbox',
  tableName: 'outbox',
  columns: {
    seq: { type: 'integer', primary: true, generated: 'increment' },
    events: { type: 'integer' },
    ids: { type: 'text' },
    change: { type: 'text' },
    createdAt: { name: 'created_at', type: 'varchar', length: 24 },
  },
});
