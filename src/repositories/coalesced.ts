/**
 * One `read` for the calls that arrive together: every call made before the shared read starts (in the
 * same turn of the event loop) gets its result, and a call made once it has started waits for the next
 * one. So each caller's answer is read after its call was made, never an older one, and a burst of
 * requests costs one round trip to the database instead of one each.
 */
export function coalesced<T>(read: () => Promise<T>): () => Promise<T> {
  let next: Promise<T> | undefined;
  return () => {
    next ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      next = undefined;
      return read();
    });
    return next;
  };
}
