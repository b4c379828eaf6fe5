import type { DataSource } from 'typeorm';
import { sleep } from '../backoff';
import { outboxEnabled, outboxHasRoom } from '../repositories/outbox';

export interface OutboxGate {
  /** False while the outbox is full; true without NATS_URL, or when the database cannot say. */
  hasRoom(): Promise<boolean>;
  /** Resolves once the outbox has room (at once without NATS_URL), or when `signal` aborts. */
  waitForRoom(signal: AbortSignal): Promise<void>;
  /** Calls `onFull` once when the outbox fills up; the returned function stops watching. */
  watch(onFull: () => void): () => void;
}

/**
 * With events on, a stream must not write past OUTBOX_MAX_ROWS while NATS is away: it disconnects
 * from X rather than store posts whose events would have to be dropped, and reconnects once the
 * relay has made room. The outbox is counted once per `checkMs` (one SUM over a row per write).
 */
export function outboxGate(dataSource: DataSource, checkMs = 1000): OutboxGate {
  const hasRoom = () => outboxHasRoom(dataSource).catch(() => true);
  return {
    hasRoom,
    async waitForRoom(signal) {
      while (!signal.aborted && !(await hasRoom())) await sleep(checkMs, signal);
    },
    watch(onFull) {
      if (!outboxEnabled(dataSource)) return () => undefined;
      let checking = false;
      const timer = setInterval(() => {
        if (checking) return;
        checking = true;
        // An unreadable database shows in the stream's own writes; the next check tries again.
        void hasRoom()
          .then((room) => {
            if (room) return;
            clearInterval(timer);
            onFull();
          })
          .finally(() => (checking = false));
      }, checkMs);
      return () => clearInterval(timer);
    },
  };
}
