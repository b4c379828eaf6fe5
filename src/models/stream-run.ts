import { EntitySchema } from 'typeorm';

/**
 * One run of the live stream, from POST /launch (or the stream CLI) to its end. The counters and
 * `elapsedMs` are saved at every progress heartbeat, so a run a crash left open is closed at the next
 * start with what it had reached (`endedAt` = `lastHeartbeatAt`). The open run is the deployment's:
 * whichever replica holds it writes its heartbeat, and the next holder continues from these counters.
 */
export interface StreamRunRow {
  id: string;
  /** the tracked terms, a JSON array */
  track: string;
  startedAt: string;
  endedAt: string | null;
  lastHeartbeatAt: string;
  /** milliseconds from start to the last heartbeat, or to the end */
  elapsedMs: number;
  /** posts received */
  amount: number;
  /** posts not stored before */
  stored: number;
  /** posts received that were stored before (or twice in one batch) */
  duplicates: number;
  /** posts received and lost: their write failed for good (see the stream's batch writer) */
  lost: number;
  reconnects: number;
  /** reconnects per reason, a JSON object */
  reconnectsByReason: string;
  /** lines that were neither a post nor a known message */
  malformed: number;
  endReason: string | null;
  /** the replica following the run (its lease holder identity); null while none does */
  holder: string | null;
  /** whether the holder's connection to the source is open, as of its last heartbeat */
  connected: boolean;
  /** the reason a replica that does not hold the run asked it to stop with; its holder ends it */
  stopRequested: string | null;
}

export const StreamRunEntity = new EntitySchema<StreamRunRow>({
  name: 'StreamRun',
  tableName: 'stream_runs',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    track: { type: 'text' },
    startedAt: { name: 'started_at', type: 'varchar', length: 24 },
    endedAt: { name: 'ended_at', type: 'varchar', length: 24, nullable: true },
    lastHeartbeatAt: { name: 'last_heartbeat_at', type: 'varchar', length: 24 },
    elapsedMs: { name: 'elapsed_ms', type: 'bigint', default: 0 },
    amount: { type: 'bigint', default: 0 },
    stored: { type: 'bigint', default: 0 },
    duplicates: { type: 'bigint', default: 0 },
    lost: { type: 'bigint', default: 0 },
    reconnects: { type: 'integer', default: 0 },
    endReason: { name: 'end_reason', type: 'varchar', length: 40, nullable: true },
    reconnectsByReason: { name: 'reconnects_by_reason', type: 'text', default: '{}' },
    malformed: { type: 'bigint', default: 0 },
    holder: { type: 'varchar', length: 200, nullable: true },
    connected: { type: 'boolean', default: false },
    stopRequested: { name: 'stop_requested', type: 'varchar', length: 40, nullable: true },
  },
  indices: [{ name: 'idx_stream_runs_started', columns: ['startedAt'] }],
});
