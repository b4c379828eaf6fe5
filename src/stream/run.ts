import { randomUUID } from 'node:crypto';
import type { RunProgress } from '../repositories/stream-runs';

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

/** The live state of the run in progress. */
export class ActiveRun {
  readonly id = randomUUID();
  readonly startedMs = Date.now();
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

  constructor(public track: string[]) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  countReconnect(reason: string): void {
    this.reconnects += 1;
    this.reconnectsByReason[reason] = (this.reconnectsByReason[reason] ?? 0) + 1;
  }

  snapshot(nowMs = Date.now()): RunSnapshot {
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

  progress(nowMs = Date.now()): RunProgress {
    const at = this.endedMs ?? nowMs;
    return {
      track: [...this.track],
      lastHeartbeatAt: new Date(at).toISOString(),
      elapsedMs: at - this.startedMs,
      amount: this.amount,
      stored: this.stored,
      duplicates: this.duplicates,
      lost: this.lost,
      reconnects: this.reconnects,
    };
  }
}
