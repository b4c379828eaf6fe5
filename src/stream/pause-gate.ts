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
  /** false while the run must stay disconnected */
  hasRoom(): Promise<boolean>;
  /** resolves once the run may connect again, or when `signal` aborts */
  waitForRoom(signal: AbortSignal): Promise<void>;
  /** calls `onFull` once when the run must disconnect; the returned function stops watching */
  watch(onFull: () => void): () => void;
}
