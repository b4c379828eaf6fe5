import type { PauseGate } from './pause-gate';

/**
 * Posts received and not yet written wait in memory. When the database falls behind (slow, or away
 * while the writer retries), the run disconnects at `maxPosts` waiting, so memory stays bounded, and
 * reconnects once fewer than half wait (so it does not flap at the bound).
 */
export function writeBacklogGate(writer: { backlog(): number }, maxPosts: number, checkMs = 100): PauseGate {
  return {
    reason: 'write_backlog',
    pausedMessage: () =>
      `the database is behind the stream (${writer.backlog()} posts wait to be written): the stream stays disconnected from X until it catches up`,
    resumedMessage: 'the database has caught up with the stream: the stream reconnects',
    checkMs,
    hasRoom: () => Promise.resolve(writer.backlog() < maxPosts),
    mayResume: () => Promise.resolve(writer.backlog() < maxPosts / 2),
  };
}
