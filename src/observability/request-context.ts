import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the code running now works for: an HTTP request, a collection run, a tag of that run. Every log
 * line carries it (log-format.ts), so no logger or id is handed down through calls.
 */
interface LogContext {
  requestId?: string;
  runId?: string;
  tag?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

const within = <T>(added: LogContext, fn: () => T): T => storage.run({ ...storage.getStore(), ...added }, fn);

/** Runs `fn` so that everything it starts, sync or async, sees `requestId`. */
export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return within({ requestId }, fn);
}

/** Runs `fn` as (part of) the collection run `runId`; a request that started it stays in the context. */
export function runWithRunId<T>(runId: string, fn: () => T): T {
  return within({ runId, tag: undefined }, fn);
}

/** Runs `fn` for one tag of the current run. */
export function runWithTag<T>(tag: string, fn: () => T): T {
  return within({ tag }, fn);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** The ids a log line gets from its context, in the lines' own key names. */
export function currentLogFields(): { request_id?: string; run_id?: string; tag?: string } {
  const context = storage.getStore();
  return {
    ...(context?.requestId && { request_id: context.requestId }),
    ...(context?.runId && { run_id: context.runId }),
    ...(context?.tag && { tag: context.tag }),
  };
}
