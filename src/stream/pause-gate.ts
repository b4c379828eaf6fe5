import { sleep } from '../backoff';

/**
 * Something that must keep a stream run disconnected from X for a while, rather than let posts be
 * lost: the outbox with no room for their events, or a database that is behind the stream.
 */
export interface PauseGate {
  /** the reconnect reason counted when it pauses a connected run */
  reason: string;
  /** the stream.paused log line: why the run waits, disconnected */
  pausedMessage(): string;
  /** the stream.resumed log line */
  resumedMessage: string;
  /** how often it is checked, while the run is connected and while it is paused */
  checkMs: number;
  /** false while the run must stay disconnected */
  hasRoom(): Promise<boolean>;
  /** true once a paused run may connect again */
  mayResume(): Promise<boolean>;
}

/** Calls `onFull` once, at the first check that finds no room (one check at a time); the returned function stops checking. */
export function watchGate(gate: PauseGate, onFull: () => void): () => void {
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    void gate
      .hasRoom()
      .then((room) => {
        if (room) return;
        clearInterval(timer);
        onFull();
      })
      .finally(() => (checking = false));
  }, gate.checkMs);
  return () => clearInterval(timer);
}

/** Resolves once a paused run may connect again, or when `signal` aborts. */
export async function waitToResume(gate: PauseGate, signal: AbortSignal): Promise<void> {
  while (!signal.aborted && !(await gate.mayResume())) await sleep(gate.checkMs, signal);
}
