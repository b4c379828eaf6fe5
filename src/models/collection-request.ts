import { EntitySchema } from 'typeorm';

export type CollectionRequestKind = 'run' | 'reset';

/**
 * What a replica that is not the collector asks of the one that is (GET /database: `run`; DELETE
 * /database: `reset`, which stops the running collection first). The leader claims pending rows,
 * carries them out and writes the outcome; the asking replica polls its row. A row claimed by a
 * leader that lost its lease is claimed again by the next one, so a request survives a takeover.
 */
export interface CollectionRequest {
  id: number;
  kind: CollectionRequestKind;
  /** epoch milliseconds */
  requestedAt: number;
  /** the lease holder carrying it out; null until a leader claims it */
  claimedBy: string | null;
  /** epoch milliseconds; null while pending */
  finishedAt: number | null;
  /** the run's summary as JSON (`run`), `{}` (`reset`), or `{"request_failed": "..."}` */
  result: string | null;
}

export const CollectionRequestEntity = new EntitySchema<CollectionRequest>({
  name: 'CollectionRequest',
  tableName: 'collection_requests',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    kind: { type: 'varchar', length: 10 },
    requestedAt: { name: 'requested_at', type: 'bigint' },
    claimedBy: { name: 'claimed_by', type: 'varchar', length: 200, nullable: true },
    finishedAt: { name: 'finished_at', type: 'bigint', nullable: true },
    result: { type: 'text', nullable: true },
  },
  indices: [{ name: 'idx_collection_requests_finished', columns: ['finishedAt'] }],
});
