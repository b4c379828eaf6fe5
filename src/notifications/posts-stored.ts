import { EventEmitter } from 'node:events';

/** One committed write added the post events `firstSeq..lastSeq` (the `post_events` rows of one tag). */
export interface PostsStored {
  tag: string;
  firstSeq: number;
  lastSeq: number;
}

export type PostsStoredListener = (stored: PostsStored) => void;

/**
 * Carries "posts stored" notifications beyond this process. In process (the default) it is a plain
 * emitter; a cross-replica transport (PostgreSQL LISTEN/NOTIFY, or the broker) publishes what this
 * replica committed and delivers what the others did, with the same database sequence numbers.
 */
export interface PostsStoredTransport {
  publish(stored: PostsStored): void;
  subscribe(listener: PostsStoredListener): () => void;
  close?(): Promise<void>;
}

export function inProcessTransport(): PostsStoredTransport {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: (stored) => emitter.emit('stored', stored),
    subscribe(listener) {
      emitter.on('stored', listener);
      return () => emitter.off('stored', listener);
    },
  };
}

// One notifier per database: the writer, which knows only its DataSource, announces through it.
const transports = new WeakMap<object, PostsStoredTransport>();

/** The transport of one database's notifications; in process unless `usePostsStoredTransport` set one. */
export function postsStoredTransport(database: object): PostsStoredTransport {
  let transport = transports.get(database);
  if (!transport) {
    transport = inProcessTransport();
    transports.set(database, transport);
  }
  return transport;
}

/** The seam for replicas: the composition root sets a cross-replica transport before anything subscribes. */
export function usePostsStoredTransport(database: object, transport: PostsStoredTransport): void {
  transports.set(database, transport);
}

/** Called by the writer after a commit, never inside the transaction. A failing listener never fails the write. */
export function notifyPostsStored(database: object, stored: PostsStored): void {
  try {
    postsStoredTransport(database).publish(stored);
  } catch {
    // Listeners catch up from the database on the next notification.
  }
}

export function onPostsStored(database: object, listener: PostsStoredListener): () => void {
  return postsStoredTransport(database).subscribe(listener);
}
