import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from 'winston';
import { collectTag } from './collect-tag';
import { SourceError } from './source-error';
import { outcomeOf, type RunSummary, type RunTrigger, type TagSummary } from './summary';
import type { PostSource } from './types';

export interface CollectorObserver {
  onPage?(tag: string, returned: number): void;
  onTagEnd?(summary: TagSummary): void;
  onRunEnd?(summary: RunSummary): void;
}

export interface CollectorOptions {
  dataSource: DataSource;
  source: PostSource;
  logger: Logger;
  tags: readonly string[];
  tweetsPerTag: number;
  concurrency: number;
  observer?: CollectorObserver;
}

export interface Collector {
  /** Runs a collection, or joins the one already running and returns its summary. */
  run(trigger: RunTrigger): Promise<RunSummary>;
  isRunning(): boolean;
  /** Stops the running collection after the page it is storing; resolves when it has ended. */
  stop(): Promise<void>;
}

export function createCollector(options: CollectorOptions): Collector {
  let current: { promise: Promise<RunSummary>; controller: AbortController } | undefined;

  const run = (trigger: RunTrigger): Promise<RunSummary> => {
    if (current) return current.promise;
    const controller = new AbortController();
    const promise = execute(options, trigger, controller).finally(() => {
      current = undefined;
    });
    current = { promise, controller };
    return promise;
  };

  return {
    run,
    isRunning: () => current !== undefined,
    async stop() {
      if (!current) return;
      current.controller.abort();
      await current.promise.catch(() => undefined);
    },
  };
}

async function execute(
  options: CollectorOptions,
  trigger: RunTrigger,
  controller: AbortController,
): Promise<RunSummary> {
  const { logger, tags } = options;
  const runId = randomUUID();
  const started = Date.now();
  logger.info(`collection started: ${tags.length} tags from ${options.source.name}`, {
    event: 'collection.start',
    run_id: runId,
    trigger,
    source: options.source.name,
    tags,
  });
  let fatal: string | null = null;
  const results = await mapWithConcurrency(tags, options.concurrency, async (tag): Promise<TagSummary> => {
    if (controller.signal.aborted) return skipped(tag, fatal ?? 'the run was stopped');
    try {
      const summary = await collectTag({
        ...options,
        tag,
        budget: options.tweetsPerTag,
        signal: controller.signal,
        onPage: options.observer?.onPage,
      });
      logger.info(`collected ${tag}: ${summary.status}, ${summary.new_posts} new of ${summary.returned}`, {
        event: 'collection.tag',
        run_id: runId,
        ...summary,
      });
      options.observer?.onTagEnd?.(summary);
      return summary;
    } catch (error) {
      if (!(error instanceof SourceError && error.kind === 'fatal')) throw error;
      fatal ??= error.message;
      controller.abort();
      return { ...skipped(tag, error.message), status: 'failed' };
    }
  });
  const summary: RunSummary = {
    run_id: runId,
    trigger,
    source: options.source.name,
    outcome: outcomeOf(results, fatal),
    started_at: new Date(started).toISOString(),
    finished_at: new Date().toISOString(),
    duration_ms: Date.now() - started,
    error: fatal,
    tags: results,
  };
  const level = summary.outcome === 'success' ? 'info' : summary.outcome === 'partial' ? 'warn' : 'error';
  logger.log(level, `collection ended: ${summary.outcome}`, {
    event: 'collection.end',
    run_id: runId,
    outcome: summary.outcome,
    duration_ms: summary.duration_ms,
    summary,
  });
  options.observer?.onRunEnd?.(summary);
  return summary;
}

function skipped(tag: string, reason: string): TagSummary {
  return { tag, status: 'cancelled', returned: 0, new_posts: 0, pages: 0, error: reason };
}

async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
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
