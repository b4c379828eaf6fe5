import type { DataSource } from 'typeorm';
import { sleep } from '../backoff';
import { outboxEnabled, outboxHasRoom } from '../repositories/outbox';
import type { PauseGate } from './pause-gate';

/**
 * With events on, a stream must not write past OUTBOX_MAX_ROWS while NATS is away: it disconnects
 * from X rather than store posts whose events would have to be dropped, and reconnects once the
 * relay has made room. The outbox is counted once per `checkMs` (one SUM over a row per write).
 */
export function outboxGate(dataSource: DataSource, checkMs = 1000): PauseGate {
  // True without NATS_URL, or when the database cannot say.
  const hasRoom = () => outboxHasRoom(dataSource).catch(() => true);
  return {
    reason: 'outbox_full',
    pausedMessage: () =>
      'the outbox is full (NATS has not taken its events): the stream stays disconnected from X until it has room',
    resumedMessage: 'the outbox has room again: the stream reconnects',
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
