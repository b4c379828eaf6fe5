import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { RunProgress } from '../repositories/stream-runs';
import type { OpenRun } from '../repositories/stream-runs-shared';

/** A stream run as it stands now. */
export interface RunSnapshot {
  id: string;
  track: string[];
  startedAt: string;
  endedAt: string | null;
  elapsedMs: number;
  /** posts received */
  amount: number;
  stored: number;
  duplicates: number;
  /** posts received whose write failed for good */
  lost: number;
  malformed: number;
  reconnects: number;
  reconnectsByReason: Record<string, number>;
  connected: boolean;
  endReason: string | null;
}

/** The counters a run's holder last saved. */
export const savedCounters = (row: OpenRun) => ({
  amount: row.amount,
  stored: row.stored,
  duplicates: row.duplicates,
  lost: row.lost,
  malformed: row.malformed,
  reconnects: row.reconnects,
  reconnectsByReason: { ...row.reconnectsByReason },
});

/** The live state of the run in progress. */
export class ActiveRun {
  readonly id: string;
  readonly startedMs: number;
  readonly controller = new AbortController();
  amount = 0;
  stored = 0;
  duplicates = 0;
  lost = 0;
  malformed = 0;
  reconnects = 0;
  reconnectsByReason: Record<string, number> = {};
  connected = false;
  /** the rules at the source are those of `track` */
  rulesInSync = false;
  endReason: string | undefined;
  endedMs: number | undefined;
  done: Promise<void> = Promise.resolve();
  /** set when this replica gives the run up without ending it: to the next holder, or ended elsewhere */
  leaving: 'release' | 'abandon' | undefined;

  constructor(
    public track: string[],
    /** the replica following it */
    readonly holder: string,
    private readonly clock: Clock,
    id: string = randomUUID(),
  ) {
    this.id = id;
    this.startedMs = clock.now();
  }

  /** A run another replica followed until now, from the counters it last saved. */
  static resume(row: OpenRun, holder: string, clock: Clock): ActiveRun {
    const run = new ActiveRun(row.track, holder, clock, row.id);
    Object.assign(run, { startedMs: Date.parse(row.startedAt), ...savedCounters(row) });
    return run;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  countReconnect(reason: string): void {
    this.reconnects += 1;
    this.reconnectsByReason[reason] = (this.reconnectsByReason[reason] ?? 0) + 1;
  }

  snapshot(nowMs = this.clock.now()): RunSnapshot {
    return {
      id: this.id,
      track: [...this.track],
      startedAt: new Date(this.startedMs).toISOString(),
      endedAt: this.endedMs === undefined ? null : new Date(this.endedMs).toISOString(),
      elapsedMs: (this.endedMs ?? nowMs) - this.startedMs,
      amount: this.amount,
      stored: this.stored,
      duplicates: this.duplicates,
      lost: this.lost,
      malformed: this.malformed,
      reconnects: this.reconnects,
      reconnectsByReason: { ...this.reconnectsByReason },
      connected: this.connected,
      endReason: this.endReason ?? null,
    };
  }

  progress(nowMs = this.clock.now()): RunProgress {
    const at = this.endedMs ?? nowMs;
    return {
      lastHeartbeatAt: new Date(at).toISOString(),
      elapsedMs: at - this.startedMs,
      amount: this.amount,
      stored: this.stored,
      duplicates: this.duplicates,
      lost: this.lost,
      reconnects: this.reconnects,
      malformed: this.malformed,
      reconnectsByReason: { ...this.reconnectsByReason },
      connected: this.connected,
      holder: this.holder,
    };
  }
}
