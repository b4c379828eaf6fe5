import { randomUUID } from 'node:crypto';
import type { Store } from '../repositories/store';
import type { Logger } from 'winston';
import type { AppMetrics } from '../observability/metrics';
import { resetCollectionState, tagsWithHoles } from '../repositories/collection-state';
import { recordOutboxAlone } from '../repositories/outbox';
import { runWithRunId, runWithTag } from '../observability/request-context';
import { createTagCollector, type TagJob } from './collect-tag';
import type { SourceError } from '../x/source-error';
import { outcomeOf, STOPPED, type RunSummary, type RunTrigger, type TagSummary } from './summary';
import type { PostSource } from './types';

export interface CollectorObserver {
  onTagEnd?(summary: TagSummary): void;
  onRunEnd?(summary: RunSummary): void;
}

export interface CollectorOptions {
  store: Store;
  source: PostSource;
  logger: Logger;
  metrics: AppMetrics;
  tags: readonly string[];
  tweetsPerTag: number;
  concurrency: number;
  observer?: CollectorObserver;
}

export interface Collector {
  /**
   * Runs a collection, or joins the one already running and returns its summary. `signal` (the client
   * gone) stops a replica waiting for the leader's answer; the collection itself goes on.
   */
  run(trigger: RunTrigger, signal?: AbortSignal): Promise<RunSummary>;
  isRunning(): boolean;
  /** Stops the running collection, aborting its in-flight X request; resolves when it has ended. */
  stop(): Promise<void>;
  /**
   * Stops the running collection, then removes the stored data with `removeData` and forgets every
   * tag's collection state (DELETE /database); a run asked for meanwhile starts after it.
   */
  reset(removeData: () => Promise<void>, signal?: AbortSignal): Promise<void>;
}

export function createCollector(options: CollectorOptions): Collector {
  const collectTag = createTagCollector(options);
  let current: { promise: Promise<RunSummary>; controller: AbortController } | undefined;
  let resetting: Promise<void> | undefined;

  const run = (trigger: RunTrigger): Promise<RunSummary> => {
    if (resetting) return resetting.catch(() => undefined).then(() => run(trigger));
    if (current) return current.promise;
    const controller = new AbortController();
    const runId = randomUUID();
    const promise = runWithRunId(runId, () =>
      execute(options, collectTag, { runId, trigger, controller }),
    ).finally(() => {
      current = undefined;
    });
    current = { promise, controller };
    return promise;
  };

  const stop = async () => {
    if (!current) return;
    current.controller.abort();
    await current.promise.catch(() => undefined);
  };

  const reset = async (removeData: () => Promise<void>) => {
    await stop();
    await removeData();
    await resetCollectionState(options.store);
    for (const tag of options.tags) options.metrics.setTagIncomplete(tag, false);
  };

  return {
    run,
    isRunning: () => current !== undefined,
    stop,
    reset(removeData) {
      const done = (resetting ??= reset(removeData).finally(() => (resetting = undefined)));
      return done;
    },
  };
}

interface RunControl {
  runId: string;
  trigger: RunTrigger;
  controller: AbortController;
}

/** One run: every tag, a few at a time, each in its own log context; a fatal error stops them all. */
async function execute(
  options: CollectorOptions,
  collectTag: (job: TagJob) => Promise<TagSummary>,
  { runId, trigger, controller }: RunControl,
): Promise<RunSummary> {
  const { logger, tags, source } = options;
  const started = Date.now();
  logger.info(`collection started: ${tags.length} tags from ${source.name}`, {
    event: 'collection.start',
    trigger,
    source: source.name,
    tags,
  });
  // Also sets the gauge after a restart, and tells whether a tag the run never reached has a hole.
  const holes = new Set(await tagsWithHoles(options.store));
  for (const tag of tags) options.metrics.setTagIncomplete(tag, holes.has(tag));
  let fatal: string | null = null;
  const onFatal = (error: SourceError) => {
    fatal ??= error.message;
    controller.abort();
  };
  const results = await mapWithConcurrency(tags, options.concurrency, (tag) =>
    runWithTag(tag, async (): Promise<TagSummary> => {
      if (controller.signal.aborted) return skipped(tag, fatal ?? 'the run was stopped', holes.has(tag));
      const summary = await collectTag({
        tag,
        budget: options.tweetsPerTag,
        signal: controller.signal,
        onFatal,
      });
      logger.info(`collected ${tag}: ${summary.status}, ${summary.new_posts} new of ${summary.returned}`, {
        event: 'collection.tag',
        ...summary,
      });
      options.observer?.onTagEnd?.(summary);
      return summary;
    }),
  );
  const wasStopped = fatal === null && results.some((tag) => tag.status === 'cancelled');
  const summary = summarise(
    runId,
    trigger,
    source.name,
    started,
    fatal ?? (wasStopped ? STOPPED : null),
    results,
  );
  logEnd(logger, summary);
  await recordOutboxAlone(options.store, { kind: 'collection.finished', summary }).catch((error: unknown) =>
    logger.error('the collection.finished event could not be written to the outbox', {
      event: 'outbox.write_error',
      error,
    }),
  );
  options.metrics.recordRun(summary.outcome, summary.duration_ms, Date.parse(summary.finished_at));
  options.observer?.onRunEnd?.(summary);
  return summary;
}

function summarise(
  runId: string,
  trigger: RunTrigger,
  source: PostSource['name'],
  started: number,
  error: string | null,
  tags: TagSummary[],
): RunSummary {
  const finished = Date.now();
  return {
    run_id: runId,
    trigger,
    source,
    outcome: outcomeOf(tags, error),
    started_at: new Date(started).toISOString(),
    finished_at: new Date(finished).toISOString(),
    duration_ms: finished - started,
    error,
    tags,
  };
}

function logEnd(logger: Logger, summary: RunSummary): void {
  const level = summary.outcome === 'success' ? 'info' : summary.outcome === 'partial' ? 'warn' : 'error';
  logger.log(level, `collection ended: ${summary.outcome}`, {
    event: 'collection.end',
    outcome: summary.outcome,
    duration_ms: summary.duration_ms,
    summary,
  });
}

function skipped(tag: string, reason: string, incomplete: boolean): TagSummary {
  return { tag, status: 'cancelled', returned: 0, new_posts: 0, pages: 0, incomplete, error: reason };
}

async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
