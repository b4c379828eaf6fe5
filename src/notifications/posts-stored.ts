import { EventEmitter } from 'node:events';
import type { PostsStored, PostsStoredListener, PostsStoredNotifier } from '../repositories/store';

export type { PostsStored, PostsStoredListener };

/**
 * Carries "posts stored" notifications beyond this process. In process it is a plain emitter; a
 * cross-replica transport (PostgreSQL LISTEN/NOTIFY, or the broker) publishes what this replica
 * committed and delivers what the others did, with the same database sequence numbers.
 */
export interface PostsStoredTransport extends PostsStoredNotifier {
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
