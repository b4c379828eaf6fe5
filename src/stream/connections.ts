import type { Logger } from 'winston';
import { sleep } from '../backoff';
import type { StreamConfig } from '../config';
import type { AppMetrics } from '../observability/metrics';
import { delayAfter, fatalReasonOf, noFailures, reasonOf, type FailureCounts } from './backoff';
import type { OutboxGate } from './outbox-gate';
import type { ActiveRun } from './run';
import type { ConnectionEnd, StreamPostMessage, StreamSource } from './types';

export interface ConnectionsDeps {
  source: StreamSource;
  logger: Logger;
  metrics: AppMetrics;
  config: StreamConfig;
  gate: OutboxGate;
}

/** What a run counts of its connections besides the posts. */
export interface RunCounting {
  reconnect(run: ActiveRun, reason: string): void;
  malformed(run: ActiveRun): void;
}

/**
 * Keeps a run connected until it is stopped or X refuses it for good: rules synced before each
 * connection, X's backoffs between them, and no connection while the outbox is full.
 */
export async function connectUntilEnd(
  deps: ConnectionsDeps,
  run: ActiveRun,
  count: RunCounting,
  onPost: (message: StreamPostMessage) => void,
): Promise<void> {
  const failures = { current: noFailures() };
  while (!run.signal.aborted) {
    if (!(await waitForOutboxRoom(deps, run))) return;
    const full = new AbortController();
    const unwatch = deps.gate.watch(() => full.abort());
    const end = await connectOnce(deps, run, full.signal, onPost, count, failures);
    unwatch();
    run.connected = false;
    deps.metrics.streamConnected.set(0);
    if (run.signal.aborted) return;
    if (full.signal.aborted) {
      count.reconnect(run, 'outbox_full');
      continue;
    }
    if (end.kind === 'aborted' || endsTheRun(deps.logger, run, end)) return;
    await backOff(deps, run, end, failures.current, count);
  }
}

/** One connection (after syncing the rules if they are not), until it ends or the outbox fills. */
async function connectOnce(
  deps: ConnectionsDeps,
  run: ActiveRun,
  outboxFull: AbortSignal,
  onPost: (message: StreamPostMessage) => void,
  count: RunCounting,
  failures: { current: FailureCounts },
): Promise<ConnectionEnd> {
  const { source, logger, metrics } = deps;
  const ruleFailure = run.rulesInSync ? undefined : await source.syncRules(run.track);
  if (ruleFailure) return ruleFailure;
  run.rulesInSync = true;
  return source.connect({
    signal: AbortSignal.any([run.signal, outboxFull]),
    terms: () => run.track,
    onConnected: () => {
      failures.current = noFailures();
      run.connected = true;
      metrics.streamConnected.set(1);
      logger.info('stream connected', { event: 'stream.connected' });
    },
    onPost,
    onHeartbeat: () => undefined,
    onMalformed: () => count.malformed(run),
    onErrorMessage: (title) =>
      logger.warn(`stream error message: ${title}`, { event: 'stream.error_message', title }),
  });
}

/** 401 and 403: the run ends with the reason, logged. */
function endsTheRun(logger: Logger, run: ActiveRun, end: ConnectionEnd): boolean {
  const fatal = fatalReasonOf(end);
  if (!fatal) return false;
  run.endReason ??= fatal;
  logger.error(`stream run ends: X answered ${fatal}; check the credentials and access level`, {
    event: 'stream.fatal',
    status: end.kind === 'http' ? end.status : undefined,
  });
  return true;
}

async function backOff(
  deps: ConnectionsDeps,
  run: ActiveRun,
  end: ConnectionEnd,
  failures: FailureCounts,
  count: RunCounting,
): Promise<void> {
  const delayMs = delayAfter(end, failures, deps.config);
  const reason = reasonOf(end);
  count.reconnect(run, reason);
  deps.logger.warn(`stream disconnected (${reason}); reconnecting in ${delayMs} ms`, {
    event: 'stream.reconnect',
    reason,
    delay_ms: delayMs,
    ...('message' in end && { message: end.message }),
  });
  await sleep(delayMs, run.signal);
}

/** Waits, disconnected, while the outbox is full; false when the run ended meanwhile. */
async function waitForOutboxRoom({ gate, logger }: ConnectionsDeps, run: ActiveRun): Promise<boolean> {
  if (await gate.hasRoom()) return true;
  logger.warn(
    'the outbox is full (NATS has not taken its events): the stream stays disconnected from X until it has room',
    { event: 'stream.paused', reason: 'outbox_full' },
  );
  await gate.waitForRoom(run.signal);
  if (run.signal.aborted) return false;
  logger.info('the outbox has room again: the stream reconnects', { event: 'stream.resumed' });
  return true;
}
