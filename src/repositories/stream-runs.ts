import type { DataSource, EntityManager } from 'typeorm';
import { recordOutbox, type OutboxChange } from './outbox';
import type { StreamRunRow } from '../models';
import { query } from './sql';
import { read } from './read';
import { writeTransaction } from './write-lock';

/** A stream run as stored, its terms parsed. */
export type StreamRun = Omit<StreamRunRow, 'track'> & { track: string[] };

export type RunProgress = Pick<
  StreamRun,
  'track' | 'lastHeartbeatAt' | 'elapsedMs' | 'amount' | 'stored' | 'duplicates' | 'lost' | 'reconnects'
>;

export interface RunTotals {
  amount: number;
  elapsedMs: number;
}

const COLUMNS = `id, track, started_at, ended_at, last_heartbeat_at, elapsed_ms, amount, stored, duplicates,
  lost, reconnects, end_reason`;

type Row = Record<keyof StreamRunRow, unknown> & Record<string, unknown>;

function toRun(row: Record<string, unknown>): StreamRun {
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

export async function insertRun(dataSource: DataSource, run: StreamRun): Promise<void> {
  await writeTransaction(dataSource, async (manager) => {
    await query(
      manager,
      `INSERT INTO stream_runs (${COLUMNS}) VALUES (:id, :track, :startedAt, NULL, :lastHeartbeatAt, 0, 0, 0, 0, 0, 0, NULL)`,
      {
        id: run.id,
        track: JSON.stringify(run.track),
        startedAt: run.startedAt,
        lastHeartbeatAt: run.startedAt,
      },
    );
    await recordOutbox(manager, endedOrStarted(manager, 'stream.run.started', run.id));
  });
}

/** The run as just written, for its event (read only when the outbox is on). */
function endedOrStarted(
  manager: EntityManager,
  kind: 'stream.run.started' | 'stream.run.ended',
  id: string,
): () => Promise<OutboxChange | undefined> {
  return async () => {
    const [row] = await query<Row>(manager, `SELECT ${COLUMNS} FROM stream_runs WHERE id = :id`, { id });
    return row ? { kind, run: toRun(row) } : undefined;
  };
}

/** Saves a running run's counters; `end` closes it with its reason. */
export async function saveRun(
  dataSource: DataSource,
  id: string,
  progress: RunProgress,
  end?: { endedAt: string; reason: string },
): Promise<void> {
  await writeTransaction(dataSource, async (manager) => {
    await query(
      manager,
      `UPDATE stream_runs SET track = :track, last_heartbeat_at = :lastHeartbeatAt, elapsed_ms = :elapsedMs,
         amount = :amount, stored = :stored, duplicates = :duplicates, lost = :lost, reconnects = :reconnects,
         ended_at = :endedAt, end_reason = :endReason
       WHERE id = :id`,
      {
        id,
        ...progress,
        track: JSON.stringify(progress.track),
        endedAt: end?.endedAt ?? null,
        endReason: end?.reason ?? null,
      },
    );
    if (end) await recordOutbox(manager, endedOrStarted(manager, 'stream.run.ended', id));
  });
}

/** Closes the runs a crash left open at their last heartbeat; returns their ids. */
export async function closeAbandonedRuns(dataSource: DataSource): Promise<string[]> {
  return writeTransaction(dataSource, async (manager) => {
    const open = await query<{ id: string }>(manager, 'SELECT id FROM stream_runs WHERE ended_at IS NULL');
    if (open.length) {
      await query(
        manager,
        `UPDATE stream_runs SET ended_at = last_heartbeat_at, end_reason = 'crashed' WHERE ended_at IS NULL`,
      );
    }
    for (const { id } of open) await recordOutbox(manager, endedOrStarted(manager, 'stream.run.ended', id));
    return open.map((row) => String(row.id));
  });
}

/** Messages and elapsed time of every ended run but `except` (the run in progress, counted live). */
export async function endedRunTotals(dataSource: DataSource, except = ''): Promise<RunTotals> {
  const [row] = await read<Row>(
    dataSource,
    `SELECT COALESCE(SUM(amount), 0) AS amount, COALESCE(SUM(elapsed_ms), 0) AS elapsed FROM stream_runs
     WHERE ended_at IS NOT NULL AND id <> :except`,
    { except },
  );
  return { amount: Number(row?.amount ?? 0), elapsedMs: Number(row?.elapsed ?? 0) };
}

/** The latest runs, newest first. */
export async function latestRuns(dataSource: DataSource, limit: number): Promise<StreamRun[]> {
  const rows = await read<Row>(
    dataSource,
    `SELECT ${COLUMNS} FROM stream_runs ORDER BY started_at DESC, id DESC LIMIT :limit`,
    { limit },
  );
  return rows.map(toRun);
}
