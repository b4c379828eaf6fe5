import { EntitySchema } from 'typeorm';

/**
 * One row per new `/tweets` entry (a post stored under a tag), written in the same transaction as the
 * post. `seq` is the event id of the live event stream (monotonic, never reused: it survives restarts
 * and deletes), the replay window for `Last-Event-ID` (old rows are pruned beyond the configured
 * window), and the source an outbox relay can read from.
 */
export interface PostEvent {
  seq: number;
  postId: string;
  tag: string;
  /** ISO 8601 UTC with milliseconds: when the transaction that stored it ran */
  storedAt: string;
}

export const PostEventEntity = new EntitySchema<PostEvent>({
  name: 'PostEvent',
  tableName: 'post_events',
  columns: {
    seq: { type: 'integer', primary: true, generated: 'increment' },
    postId: { name: 'post_id', type: 'varchar', length: 20 },
    tag: { type: 'varchar', length: 110 },
    storedAt: { name: 'stored_at', type: 'varchar', length: 24 },
  },
  // A resume filtered by tag reads only that tag's events, however many others the window holds.
  indices: [{ name: 'idx_post_events_tag_seq', columns: ['tag', 'seq'] }],
});
