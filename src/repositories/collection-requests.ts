import type { EntityManager } from 'typeorm';
import type { Store } from './store';
import type { CollectionRequestKind } from '../models';
import { read } from './read';
import { query, rowsOf } from './sql';
import { writeTransaction } from './write-lock';

/** Coordination between replicas, not data an answer shows: the read caches stay valid. */
const BOOKKEEPING = { changesData: false };
/** Finished requests are kept this long (their askers have read them), then deleted. */
const KEEP_FINISHED_MS = 60 * 60_000;

export interface ClaimedRequest {
  id: number;
  kind: CollectionRequestKind;
}

export interface RequestOutcome {
  finished: boolean;
  result: string | null;
}

/**
 * Files a request for the collector (whichever replica holds the lease); its id. The leader files its
 * own runs too, claimed by itself (`claimedBy`): if it dies mid-run, the next leader runs it again.
 */
export async function fileCollectionRequest(
  store: Store,
  request: { kind: CollectionRequestKind; now: number; claimedBy?: string },
): Promise<number> {
  const rows = await writeTransaction(
    store,
    (manager) =>
      query<{ id: number | string }>(
        manager,
        `INSERT INTO collection_requests (kind, requested_at, claimed_by)
         VALUES (:kind, :now, :claimedBy) RETURNING id`,
        { ...request, claimedBy: request.claimedBy ?? null },
      ),
    BOOKKEEPING,
  );
  return Number(rows[0]!.id);
}

/**
 * Claims for `holder` every unfinished request that is not its own yet: new ones, and those a former
 * leader claimed and never finished. Oldest first.
 */
export function claimCollectionRequests(store: Store, holder: string): Promise<ClaimedRequest[]> {
  return writeTransaction(
    store,
    async (manager) => {
      const rows = rowsOf<{ id: number | string; kind: CollectionRequestKind }>(
        await query(
          manager,
          `UPDATE collection_requests SET claimed_by = :holder
            WHERE finished_at IS NULL AND (claimed_by IS NULL OR claimed_by <> :holder)
           RETURNING id, kind`,
          { holder },
        ),
      );
      return rows.map((row) => ({ id: Number(row.id), kind: row.kind })).sort((a, b) => a.id - b.id);
    },
    BOOKKEEPING,
  );
}

/** Deletes the requests finished more than an hour before `now` (their askers have read them). */
export async function pruneCollectionRequests(store: Store, now: number): Promise<void> {
  await writeTransaction(
    store,
    (manager) =>
      query(manager, 'DELETE FROM collection_requests WHERE finished_at < :before', {
        before: now - KEEP_FINISHED_MS,
      }),
    BOOKKEEPING,
  );
}

/** Writes the outcome of requests `holder` claimed; a request another leader claimed since stays its. */
export async function finishCollectionRequests(
  store: Store,
  requests: { ids: number[]; holder: string; result: string; now: number },
): Promise<void> {
  if (requests.ids.length === 0) return;
  await writeTransaction(
    store,
    (manager: EntityManager) =>
      query(
        manager,
        `UPDATE collection_requests SET finished_at = :now, result = :result
          WHERE id IN (:...ids) AND claimed_by = :holder AND finished_at IS NULL`,
        requests,
      ),
    BOOKKEEPING,
  );
}

/** Whether a request has finished, and its result. */
export async function collectionRequestOutcome(store: Store, id: number): Promise<RequestOutcome> {
  const [row] = await read<{ finished_at: number | string | null; result: string | null }>(
    store,
    'SELECT finished_at, result FROM collection_requests WHERE id = :id',
    { id },
  );
  return { finished: row?.finished_at != null, result: row?.result ?? null };
}

/** Unfinished requests: the leader looks for them often, with one cheap indexed read. */
export async function hasPendingCollectionRequests(store: Store, holder: string): Promise<boolean> {
  const rows = await read(
    store,
    `SELECT id FROM collection_requests
      WHERE finished_at IS NULL AND (claimed_by IS NULL OR claimed_by <> :holder) LIMIT 1`,
    { holder },
  );
  return rows.length > 0;
}
