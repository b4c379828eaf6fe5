import type { Database } from '../database';
import type { Outbox } from './outbox';
import { WriteLock } from './write-lock';

/** One committed write added the post events `firstSeq..lastSeq` (the `post_events` rows of one tag). */
export interface PostsStored {
  tag: string;
  firstSeq: number;
  lastSeq: number;
}

export type PostsStoredListener = (stored: PostsStored) => void;

/**
 * Where the writer announces what it committed, and where the live stream and the outbox relay hear
 * it: in process, or across replicas (src/notifications).
 */
export interface PostsStoredNotifier {
  publish(stored: PostsStored): void;
  subscribe(listener: PostsStoredListener): () => void;
}

/**
 * One database and what every write to it shares: the queue of write transactions, the outbox (with
 * events on), the "posts stored" notifier. The composition root builds one per database; every
 * repository function takes it (or the part of it it reads).
 */
export interface Store extends Database {
  writeLock: WriteLock;
  /** undefined without NATS_URL: then nothing is written to the outbox */
  outbox: Outbox | undefined;
  postsStored: PostsStoredNotifier;
}

export function createStore(
  database: Database,
  parts: { postsStored: PostsStoredNotifier; outbox?: Outbox },
): Store {
  return { ...database, writeLock: new WriteLock(), outbox: parts.outbox, postsStored: parts.postsStored };
}
