import type { Logger } from 'winston';
import type { Collector } from './collector';

/** Runs a collection every `intervalMinutes` (0 = never). A run still going when the next is due is joined, not doubled. */
export function scheduleCollections(
  collector: Collector,
  intervalMinutes: number,
  logger: Logger,
): { stop(): void } {
  if (intervalMinutes <= 0) return { stop: () => undefined };
  const timer = setInterval(() => {
    collector.run('schedule').catch((error: unknown) => {
      logger.error('scheduled collection failed', { event: 'collection.error', error });
    });
  }, intervalMinutes * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
