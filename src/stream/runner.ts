import type { DataSource } from 'typeorm';
import type { Logger } from 'winston';
import { sleep } from '../backoff';
import type { StreamConfig } from '../config';
import type { AppMetrics } from '../observability/metrics';
import { runWithRunId } from '../observability/request-context';
import { closeAbandonedRuns, insertRun, saveRun } from '../repositories/stream-runs';
import { delayAfter, fatalReasonOf, noFailures, reasonOf } from './backoff';
import { createBatchWriter, type FlushResult } from './batch-writer';
import { ActiveRun, type RunSnapshot } from './run';
import { readStatistics, type StreamStatistics } from './statistics';
import type { ConnectionEnd, StreamPostMessage, StreamSource } from './types';

export interface StreamRunnerDeps {
  dataSource: DataSource;
  source: StreamSource;
  logger: Logger;
  metrics: AppMetrics;
  config: StreamConfig;
  /** how often a run's counters are saved (its heartbeat in the database) */
  progressIntervalMs?: number;
}

/** What the API and the CLI may do with the stream. */
export interface StreamControl {
  /** Starts a run on `track`, or gives the running one these terms. */
  launch(track: string[]): Promise<{ runId: string; replaced: boolean }>;
  /** Ends the running run, if any, and answers it as ended. */
  stop(reason?: string): Promise<RunSnapshot | undefined>;
  current(): RunSnapshot | undefined;
  statistics(): Promise<StreamStatistics>;
}

export interface StreamRunner extends StreamControl {
  /** Closes the runs a crash left open, at their last heartbeat. */
  recover(): Promise<void>;
}

// eslint-disable-next-line max-lines-per-function -- one closure over the run, its connection and its statistics; to be split (noted in the closing note)
export function createStreamRunner(deps: StreamRunnerDeps): StreamRunner {
  const { dataSource, source, logger, metrics, config } = deps;
  let active: ActiveRun | undefined;
  let serial: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = serial.then(work, work);
    serial = result.catch(() => undefined);
    return result;
  };

  const launch = (track: string[]) =>
    exclusive(async () => {
      if (active) {
        const run = active;
        run.track = track;
        // X applies rule changes to an open connection; a failed change is retried before the next one.
        const failure = await source.syncRules(track);
        run.rulesInSync = !failure;
        if (failure) {
          logger.warn(`stream rules not updated (${reasonOf(failure)}); retried at the next connection`, {
            event: 'stream.rules_error',
            run_id: run.id,
          });
        }
        await saveRun(dataSource, run.id, run.progress());
        runWithRunId(run.id, () =>
          logger.info(`stream run now tracks ${track.join(', ')}`, { event: 'stream.track', track }),
        );
        return { runId: run.id, replaced: true };
      }
      const run = new ActiveRun(track);
      await insertRun(dataSource, { ...run.snapshot(), lastHeartbeatAt: run.snapshot().startedAt });
      active = run;
      metrics.streamActive.set(1);
      // The rules are in force when /launch answers; a failure is retried (or ends the run) in the loop.
      run.rulesInSync = !(await runWithRunId(run.id, () => source.syncRules(track)));
      run.done = runWithRunId(run.id, () => follow(run));
      return { runId: run.id, replaced: false };
    });

  async function follow(run: ActiveRun): Promise<void> {
    logger.info(`stream run started on ${run.track.join(', ')} from the ${source.name} source`, {
      event: 'stream.start',
      track: run.track,
      source: source.name,
    });
    const writer = createBatchWriter({
      dataSource,
      logger,
      batchMs: config.batchMs,
      batchSize: config.batchSize,
      onFlushed: (result) => countFlush(run, result),
    });
    const progress = setInterval(
      () => void saveRun(dataSource, run.id, run.progress()).catch(() => undefined),
      deps.progressIntervalMs ?? 1000,
    );
    try {
      await connectUntilEnd(run, (message) => receive(run, (post, tags) => writer.add(post, tags), message));
    } finally {
      clearInterval(progress);
      await writer.flush();
      await finish(run);
    }
  }

  async function connectUntilEnd(
    run: ActiveRun,
    onPost: (message: StreamPostMessage) => void,
  ): Promise<void> {
    let failures = noFailures();
    while (!run.signal.aborted) {
      const ruleFailure = run.rulesInSync ? undefined : await source.syncRules(run.track);
      if (!ruleFailure) run.rulesInSync = true;
      const end: ConnectionEnd =
        ruleFailure ??
        (await source.connect({
          signal: run.signal,
          terms: () => run.track,
          onConnected: () => {
            failures = noFailures();
            run.connected = true;
            metrics.streamConnected.set(1);
            logger.info('stream connected', { event: 'stream.connected' });
          },
          onPost,
          onHeartbeat: () => undefined,
          onMalformed: () => countMalformed(run),
          onErrorMessage: (title) =>
            logger.warn(`stream error message: ${title}`, { event: 'stream.error_message', title }),
        }));
      run.connected = false;
      metrics.streamConnected.set(0);
      if (end.kind === 'aborted' || run.signal.aborted) return;
      const fatal = fatalReasonOf(end);
      if (fatal) {
        run.endReason ??= fatal;
        logger.error(`stream run ends: X answered ${fatal}; check the credentials and access level`, {
          event: 'stream.fatal',
          status: end.kind === 'http' ? end.status : undefined,
        });
        return;
      }
      const delayMs = delayAfter(end, failures, config);
      const reason = reasonOf(end);
      run.countReconnect(reason);
      metrics.streamReconnects.inc({ reason });
      logger.warn(`stream disconnected (${reason}); reconnecting in ${delayMs} ms`, {
        event: 'stream.reconnect',
        reason,
        delay_ms: delayMs,
        ...('message' in end && { message: end.message }),
      });
      await sleep(delayMs, run.signal);
    }
  }

  function receive(
    run: ActiveRun,
    add: (m: StreamPostMessage, tags: string[]) => void,
    message: StreamPostMessage,
  ) {
    const tags = (message.matching_rules ?? [])
      .map((rule) => rule.tag ?? '')
      .filter((tag) => run.track.includes(tag));
    // A post only rules of others matched is not this run's.
    if (tags.length === 0) return;
    run.amount += 1;
    metrics.streamMessages.inc();
    add(message, tags);
  }

  function countMalformed(run: ActiveRun, count = 1): void {
    run.malformed += count;
    metrics.streamMalformed.inc(count);
  }

  function countFlush(run: ActiveRun, result: FlushResult): void {
    run.stored += result.stored;
    run.duplicates += result.duplicates;
    metrics.streamStored.inc(result.stored);
    metrics.streamDuplicates.inc(result.duplicates);
    if (result.rejected) countMalformed(run, result.rejected);
    if (result.newestMs !== undefined)
      metrics.streamLag.set(Math.max(0, (Date.now() - result.newestMs) / 1000));
  }

  async function finish(run: ActiveRun): Promise<void> {
    run.endedMs = Date.now();
    run.endReason ??= 'stopped';
    const endedAt = new Date(run.endedMs).toISOString();
    try {
      await saveRun(dataSource, run.id, run.progress(run.endedMs), { endedAt, reason: run.endReason });
    } finally {
      if (active === run) active = undefined;
      metrics.streamActive.set(0);
      metrics.streamConnected.set(0);
    }
    const snapshot = run.snapshot();
    logger.info(
      `stream run ended (${run.endReason}): ${snapshot.amount} received, ${snapshot.stored} stored, ${snapshot.duplicates} duplicates, ${snapshot.reconnects} reconnects`,
      { event: 'stream.end', end_reason: run.endReason, ...snapshot },
    );
  }

  return {
    launch,
    async stop(reason = 'stopped') {
      const run = active;
      if (!run) return undefined;
      run.endReason ??= reason;
      run.controller.abort();
      await run.done;
      return run.snapshot();
    },
    current: () => active?.snapshot(),
    statistics: () => readStatistics(dataSource, active?.snapshot()),
    async recover() {
      const closed = await closeAbandonedRuns(dataSource);
      if (closed.length) {
        logger.warn(`${closed.length} stream run(s) left open by a crash closed at their last heartbeat`, {
          event: 'stream.recovered',
          run_ids: closed,
        });
      }
    },
  };
}
