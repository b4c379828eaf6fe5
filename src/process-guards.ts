import type { Logger } from 'winston';

export interface CrashGuardOptions {
  logger: Logger;
  /** sends the lines still queued (Logstash) within the time given */
  flush: (timeoutMs: number) => Promise<void>;
  flushTimeoutMs: number;
  exit?: (code: number) => void;
}

/**
 * A promise nobody awaited that rejects, or an exception nothing caught, is written through the logger
 * (so it reaches Logstash, not only stderr), the logs are flushed, and the process exits 1: the state
 * after such an error is unknown, and a supervisor restarts a process that exits.
 */
export function exitOnCrash({
  logger,
  flush,
  flushTimeoutMs,
  exit = (code) => process.exit(code),
}: CrashGuardOptions): void {
  let crashing = false;
  const crash = (kind: string, error: unknown) => {
    if (crashing) return; // a second failure while flushing the first: the exit is on its way
    crashing = true;
    logger.error(`${kind}; exiting`, { event: 'app.crash', kind, error });
    // Give winston's stream a turn to hand the line to its transports before flushing them.
    setImmediate(() => {
      flush(flushTimeoutMs)
        .catch(() => undefined)
        .finally(() => exit(1));
    });
  };
  process.on('unhandledRejection', (reason) => crash('unhandled promise rejection', reason));
  process.on('uncaughtException', (error) => crash('uncaught exception', error));
}
