import type { Logger } from 'winston';
import { sleep } from '../backoff';
import type { StreamConfig } from '../config';
import type { AppMetrics } from '../observability/metrics';
import { delayAfter, fatalReasonOf, noFailures, reasonOf, type FailureCounts } from './backoff';
import { waitToResume, watchGate, type PauseGate } from './pause-gate';
import type { ActiveRun } from './run';
import type { ConnectionEnd, StreamPostMessage, StreamSource } from './types';

export interface ConnectionsDeps {
  source: StreamSource;
  logger: Logger;
  metrics: AppMetrics;
  config: StreamConfig;
  /** what keeps the run disconnected for a while: the outbox full, the database behind */
  gates: PauseGate[];
}

/** What a run counts of its connections besides the posts. */
export interface RunCounting {
  reconnect(run: ActiveRun, reason: string): void;
  malformed(run: ActiveRun): void;
}

/**
 * Keeps a run connected until it is stopped or X refuses it for good: rules synced before each
 * connection, X's backoffs between them, and no connection while a gate says to wait.
 */
export async function connectUntilEnd(
  deps: ConnectionsDeps,
  run: ActiveRun,
  count: RunCounting,
  onPost: (message: StreamPostMessage) => void,
): Promise<void> {
  const failures = { current: noFailures() };
  while (!run.signal.aborted) {
    if (!(await waitForGates(deps, run))) return;
    const pause = new AbortController();
    const unwatch = deps.gates.map((gate) => watchGate(gate, () => pause.abort(gate.reason)));
    const end = await connectOnce(deps, run, pause.signal, onPost, count, failures);
    unwatch.forEach((stop) => stop());
    run.connected = false;
    deps.metrics.streamConnected.set(0);
    if (run.signal.aborted) return;
    if (pause.signal.aborted) {
      count.reconnect(run, pause.signal.reason as string);
      continue;
    }
    if (end.kind === 'aborted' || endsTheRun(deps.logger, run, end)) return;
    await backOff(deps, run, end, failures.current, count);
  }
}

/** One connection (after syncing the rules if they are not), until it ends or a gate pauses it. */
async function connectOnce(
  deps: ConnectionsDeps,
  run: ActiveRun,
  pause: AbortSignal,
  onPost: (message: StreamPostMessage) => void,
  count: RunCounting,
  failures: { current: FailureCounts },
): Promise<ConnectionEnd> {
  const { source, logger, metrics } = deps;
  const ruleFailure = run.rulesInSync ? undefined : await source.syncRules(run.track);
  if (ruleFailure) return ruleFailure;
  run.rulesInSync = true;
  return source.connect({
    signal: AbortSignal.any([run.signal, pause]),
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

/** Waits, disconnected, while a gate says to; false when the run ended meanwhile. */
async function waitForGates({ gates, logger }: ConnectionsDeps, run: ActiveRun): Promise<boolean> {
  for (const gate of gates) {
    if (await gate.hasRoom()) continue;
    logger.warn(gate.pausedMessage(), { event: 'stream.paused', reason: gate.reason });
    await waitToResume(gate, run.signal);
    if (run.signal.aborted) return false;
    logger.info(gate.resumedMessage, { event: 'stream.resumed', reason: gate.reason });
  }
  return true;
}
