import type { TaggedPost } from '../repositories/tweet-reader';
import { toTweetEntry } from '../posts/wire';

/** How long a browser waits before reconnecting after the stream ends. */
export const RETRY_MS = 2000;

export const retryFrame = `retry: ${RETRY_MS}\n\n`;
export const heartbeatFrame = ': heartbeat\n\n';

/** A stored post as the `/tweets` entry it is (the original API's keys). */
export const postFrame = (seq: number, post: TaggedPost): string =>
  `id: ${seq}\nevent: post\ndata: ${JSON.stringify(toTweetEntry(post))}\n\n`;

export interface LiveStats {
  /** ISO 8601 time of the second it describes */
  time: string;
  /** posts stored in the last second, on every replica whose notifications reach this one */
  posts_per_second: number;
  /** `/tweets` entries stored per tag */
  tags: Record<string, number>;
}

export const statsFrame = (stats: LiveStats): string => `event: stats\ndata: ${JSON.stringify(stats)}\n\n`;

export type ReloadReason = 'outside_window' | 'unknown_id';

/** The missed events are no longer kept (or the id is not from this database): the client reloads. */
export const reloadFrame = (reason: ReloadReason, newest: number): string =>
  `id: ${newest}\nevent: reload\ndata: ${JSON.stringify({ reason })}\n\n`;
