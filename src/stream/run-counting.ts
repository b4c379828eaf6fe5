import type { Clock } from '../clock';
import type { AppMetrics } from '../observability/metrics';
import type { FlushResult } from './batch-writer';
import type { ActiveRun } from './run';
import type { StreamPostMessage } from './types';

/** A run's counters and the stream metrics, moved together. */
export function runCounting(metrics: AppMetrics, clock: Clock) {
  const malformed = (run: ActiveRun, count = 1): void => {
    run.malformed += count;
    metrics.streamMalformed.inc(count);
  };
  return {
    malformed,
    /** The run's tags the message matched, counted; none when only rules of others matched it. */
    received(run: ActiveRun, message: StreamPostMessage): string[] {
      const tags = (message.matching_rules ?? [])
        .map((rule) => rule.tag ?? '')
        .filter((tag) => run.track.includes(tag));
      if (tags.length === 0) return tags;
      run.amount += 1;
      metrics.streamMessages.inc();
      return tags;
    },
    reconnect(run: ActiveRun, reason: string): void {
      run.countReconnect(reason);
      metrics.streamReconnects.inc({ reason });
    },
    flushed(run: ActiveRun, result: FlushResult): void {
      run.stored += result.stored;
      run.duplicates += result.duplicates;
      run.lost += result.failed;
      metrics.streamStored.inc(result.stored);
      metrics.streamDuplicates.inc(result.duplicates);
      metrics.streamLost.inc(result.failed);
      if (result.rejected) malformed(run, result.rejected);
      if (result.newestMs !== undefined)
        metrics.streamLag.set(Math.max(0, (clock.now() - result.newestMs) / 1000));
    },
  };
}

export type RunCounters = ReturnType<typeof runCounting>;
