import type { EntityManager } from 'typeorm';
import type { Store } from './store';
import { recordOutbox, type OutboxChange } from './outbox';
import type { StreamRunRow } from '../models';
import type { StreamRun } from './stream-run';
import { query } from './sql';
import { read } from './read';
import { writeTransaction } from './write-lock';

export type { StreamRun };

/** What a holder's heartbeat saves; the terms only when it changed them itself. */
export type RunProgress = Pick<
  StreamRun,
  'lastHeartbeatAt' | 'elapsedMs' | 'amount' | 'stored' | 'duplicates' | 'lost' | 'reconnects'
> & {
  track?: string[];
  malformed?: number;
  reconnectsByReason?: Record<string, number>;
  connected?: boolean;
  /** the replica saving it */
  holder?: string;
};

export interface RunTotals {
  amount: number;
  elapsedMs: number;
}

export const COLUMNS = `id, track, started_at, ended_at, last_heartbeat_at, elapsed_ms, amount, stored, duplicates,
  lost, reconnects, end_reason`;

export type Row = Record<keyof StreamRunRow, unknown> & Record<string, unknown>;

export function toRun(row: Record<string, unknown>): StreamRun {
  return {
    id: String(row.id),
    track: JSON.parse(String(row.track)) as string[],
    startedAt: String(row.started_at),
    endedAt: (row.ended_at as string | null) ?? null,
    lastHeartbeatAt: String(row.last_heartbeat_at),
    elapsedMs: Number(row.elapsed_ms),
    amount: Number(row.amount),
    stored: Number(row.stored),
    duplicates: Number(row.duplicates),
    lost: Number(row.lost),
    reconnects: Number(row.reconnects),
    endReason: (row.end_reason as string | null) ?? null,
  };
}

/** A new run, held by `holder` (null: the lease holder takes it up). */
export async function insertRun(
  store: Store,
  run: Pick<StreamRun, 'id' | 'track' | 'startedAt'> & { holder?: string | null },
): Promise<void> {
  await writeTransaction(store, async (manager, tx) => {
    await query(
      manager,
      `INSERT INTO stream_runs (${COLUMNS}, holder)
       VALUES (:id, :track, :startedAt, NULL, :startedAt, 0, 0, 0, 0, 0, 0, NULL, :holder)`,
      { id: run.id, track: JSON.stringify(run.track), startedAt: run.startedAt, holder: run.holder ?? null },
    );
    await recordOutbox(store, manager, tx, endedOrStarted(manager, 'stream.run.started', run.id));
  });
}

/** The run as just written, for its event (read only when the outbox is on). */
export function endedOrStarted(
  manager: EntityManager,
  kind: 'stream.run.started' | 'stream.run.ended',
  id: string,
): () => Promise<OutboxChange | undefined> {
  return async () => {
    const [row] = await query<Row>(manager, `SELECT ${COLUMNS} FROM stream_runs WHERE id = :id`, { id });
    return row ? { kind, run: toRun(row) } : undefined;
  };
}

/**
 * Saves a running run's counters as its holder's heartbeat; `end` closes it with its reason. Nothing
 * is written once the run has ended or another replica holds it (a holder that lost it, writing late).
 */
export async function saveRun(
  store: Store,
  id: string,
  progress: RunProgress,
  end?: { endedAt: string; reason: string },
): Promise<void> {
  await writeTransaction(store, async (manager, tx) => {
    await query(
      manager,
      `UPDATE stream_runs SET ${progress.track ? 'track = :track,' : ''}
         last_heartbeat_at = :lastHeartbeatAt, elapsed_ms = :elapsedMs, amount = :amount, stored = :stored,
         duplicates = :duplicates, lost = :lost, reconnects = :reconnects, malformed = :malformed,
         reconnects_by_reason = :byReason, connected = :connected, holder = :holder,
         ended_at = :endedAt, end_reason = :endReason
       WHERE id = :id AND ended_at IS NULL AND (holder IS NULL OR holder = :saver)`,
      {
        id,
        ...progress,
        track: JSON.stringify(progress.track ?? []),
        malformed: progress.malformed ?? 0,
        byReason: JSON.stringify(progress.reconnectsByReason ?? {}),
        connected: progress.connected && !end ? 1 : 0,
        holder: end ? null : (progress.holder ?? null),
        saver: progress.holder ?? null,
        endedAt: end?.endedAt ?? null,
        endReason: end?.reason ?? null,
      },
    );
    if (end) await recordOutbox(store, manager, tx, endedOrStarted(manager, 'stream.run.ended', id));
  });
}

/**
 * Closes the runs left open at their last heartbeat, those whose heartbeat is older than `staleBefore`
 * (or whose holder `isGone`); returns their ids. A run a holder left when it shut down, and no replica
 * took up, ends as `shutdown`; one whose holder died, as `crashed`. A run whose holder is alive, or
 * that a holder left moments ago for the next one, stays open.
 */
export async function closeAbandonedRuns(
  store: Store,
  staleBefore: string,
  isGone: (holder: string) => boolean = () => false,
): Promise<string[]> {
  return writeTransaction(store, async (manager, tx) => {
    const open = await query<{ id: string; holder: string | null; last_heartbeat_at: string }>(
      manager,
      'SELECT id, holder, last_heartbeat_at FROM stream_runs WHERE ended_at IS NULL',
    );
    const abandoned = open
      .filter(
        (row) => String(row.last_heartbeat_at) < staleBefore || (row.holder !== null && isGone(row.holder)),
      )
      .map((row) => String(row.id));
    for (const id of abandoned) {
      await query(
        manager,
        `UPDATE stream_runs SET ended_at = last_heartbeat_at, holder = NULL, connected = :no,
           end_reason = CASE WHEN holder IS NULL THEN 'shutdown' ELSE 'crashed' END
         WHERE id = :id AND ended_at IS NULL`,
        { id, no: 0 },
      );
      await recordOutbox(store, manager, tx, endedOrStarted(manager, 'stream.run.ended', id));
    }
    return abandoned;
  });
}

/** Messages and elapsed time of every ended run but `except` (the run in progress, counted live). */
export async function endedRunTotals(store: Store, except = ''): Promise<RunTotals> {
  const [row] = await read<Row>(
    store,
    `SELECT COALESCE(SUM(amount), 0) AS amount, COALESCE(SUM(elapsed_ms), 0) AS elapsed FROM stream_runs
     WHERE ended_at IS NOT NULL AND id <> :except`,
    { except },
  );
  return { amount: Number(row?.amount ?? 0), elapsedMs: Number(row?.elapsed ?? 0) };
}

/** The latest runs, newest first. */
export async function latestRuns(store: Store, limit: number): Promise<StreamRun[]> {
  const rows = await read<Row>(
    store,
    `SELECT ${COLUMNS} FROM stream_runs ORDER BY started_at DESC, id DESC LIMIT :limit`,
    { limit },
  );
  return rows.map(toRun);
}
