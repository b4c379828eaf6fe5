import type { Store } from '../repositories/store';
import { outboxHasRoom } from '../repositories/outbox';
import type { PauseGate } from './pause-gate';

/**
 * With events on, a stream must not write past OUTBOX_MAX_ROWS while NATS is away: it disconnects
 * from X rather than store posts whose events would have to be dropped, and reconnects once the
 * relay has made room. The outbox is counted once per `checkMs` (one SUM over a row per write).
 */
export function outboxGate(store: Store, checkMs = 1000): PauseGate {
  // An unreadable database shows in the stream's own writes: it counts as room, and the next check tries again.
  const hasRoom = () => outboxHasRoom(store).catch(() => true);
  return {
    reason: 'outbox_full',
    pausedMessage: () =>
      'the outbox is full (NATS has not taken its events): the stream stays disconnected from X until it has room',
    resumedMessage: 'the outbox has room again: the stream reconnects',
    checkMs,
    hasRoom,
    mayResume: hasRoom,
  };
}
