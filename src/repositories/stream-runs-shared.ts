import type { Store } from './store';
import { recordOutbox } from './outbox';
import { read } from './read';
import { query, rowsOf } from './sql';
import { COLUMNS, endedOrStarted, toRun, type Row, type StreamRun } from './stream-runs';
import { writeTransaction } from './write-lock';

/** The deployment's open run as stored: what its holder last saved, and who holds it. */
export type OpenRun = StreamRun & {
  malformed: number;
  reconnectsByReason: Record<string, number>;
  /** the replica following it; null while none does (launched, or released for the next holder) */
  holder: string | null;
  connected: boolean;
  stopRequested: string | null;
};

const OPEN_COLUMNS = `${COLUMNS}, malformed, reconnects_by_reason, holder, connected, stop_requested`;

function toOpenRun(row: Row): OpenRun {
  return {
    ...toRun(row),
    malformed: Number(row.malformed),
    reconnectsByReason: JSON.parse((row.reconnects_by_reason as string | null) ?? '{}') as Record<
      string,
      number
    >,
    holder: (row.holder as string | null) ?? null,
    connected: row.connected === true || Number(row.connected) === 1,
    stopRequested: (row.stop_requested as string | null) ?? null,
  };
}

/** The run in progress in the deployment, if any (the newest, should a crash have left two). */
export async function openRun(store: Store): Promise<OpenRun | undefined> {
  const [row] = await read<Row>(
    store,
    `SELECT ${OPEN_COLUMNS} FROM stream_runs WHERE ended_at IS NULL ORDER BY started_at DESC, id DESC LIMIT 1`,
  );
  return row && toOpenRun(row);
}

export async function runById(store: Store, id: string): Promise<OpenRun | undefined> {
  const [row] = await read<Row>(store, `SELECT ${OPEN_COLUMNS} FROM stream_runs WHERE id = :id`, { id });
  return row && toOpenRun(row);
}

/** Changes the open run's terms (a /launch while it runs); its holder follows them. */
export async function setRunTrack(store: Store, id: string, track: string[]): Promise<void> {
  await writeTransaction(store, (manager) =>
    query(manager, 'UPDATE stream_runs SET track = :track WHERE id = :id AND ended_at IS NULL', {
      id,
      track: JSON.stringify(track),
    }),
  );
}

/**
 * Makes `holder` the run's holder if it is still held by `expected` (null: none): a compare-and-set,
 * so of two replicas taking up a run only one does. True when `holder` holds it afterwards.
 */
export async function claimRun(
  store: Store,
  run: { id: string; holder: string; expected: string | null; now: string },
): Promise<boolean> {
  const rows = await writeTransaction(
    store,
    (manager) =>
      query<{ holder: string }>(
        manager,
        `UPDATE stream_runs SET holder = :holder, last_heartbeat_at = :now
          WHERE id = :id AND ended_at IS NULL AND COALESCE(holder, '') = :expected
         RETURNING holder`,
        { ...run, expected: run.expected ?? '' },
      ),
    { changesData: false },
  );
  return rowsOf<{ holder: string }>(rows).some((row) => row.holder === run.holder);
}

/** Leaves the run to the next holder: no holder, not connected; counters as `holder` last saved them. */
export async function releaseRun(store: Store, id: string, holder: string): Promise<void> {
  await writeTransaction(store, (manager) =>
    query(
      manager,
      `UPDATE stream_runs SET holder = NULL, connected = :no
        WHERE id = :id AND ended_at IS NULL AND holder = :holder`,
      { id, holder, no: 0 },
    ),
  );
}

/** Asks the run's holder, wherever it runs, to end it with `reason`. */
export async function requestStop(store: Store, id: string, reason: string): Promise<void> {
  await writeTransaction(store, (manager) =>
    query(manager, 'UPDATE stream_runs SET stop_requested = :reason WHERE id = :id AND ended_at IS NULL', {
      id,
      reason,
    }),
  );
}

/** Ends a run no live replica follows, at its last heartbeat, with `reason`. */
export async function endUnheldRun(store: Store, id: string, reason: string): Promise<void> {
  await writeTransaction(store, async (manager, tx) => {
    const ended = rowsOf<{ id: string }>(
      await query(
        manager,
        `UPDATE stream_runs SET ended_at = last_heartbeat_at, end_reason = :reason, holder = NULL, connected = :no
          WHERE id = :id AND ended_at IS NULL RETURNING id`,
        { id, reason, no: 0 },
      ),
    );
    if (ended.length) await recordOutbox(store, manager, tx, endedOrStarted(manager, 'stream.run.ended', id));
  });
}

/** The advisory lock key of stream control (launch, replace, stop), one per database. */
const CONTROL_LOCK = 7_246_153_201;

/**
 * Runs `work` while holding the deployment's stream-control lock: on PostgreSQL a connection-level advisory
 * lock on a connection of its own (released should that connection die); SQLite's replicas share a
 * file on one host, where the write transactions already go one at a time.
 */
export async function withControlLock<T>(store: Store, work: () => Promise<T>): Promise<T> {
  if (store.dialect !== 'postgres') return work();
  const runner = store.dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [CONTROL_LOCK]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [CONTROL_LOCK]);
    }
  } finally {
    await runner.release();
  }
}
