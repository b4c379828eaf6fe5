import type { Logger } from 'winston';
import { systemClock, type Clock } from '../clock';
import type { Collector } from './collector';

/**
 * Runs a collection every `intervalMinutes` (0 = never). A run still going when the next is due is
 * joined, not doubled. Among replicas only the lease holder's schedule runs (`isLeader`).
 */
export function scheduleCollections(
  collector: Pick<Collector, 'run'>,
  intervalMinutes: number,
  logger: Logger,
  isLeader: () => boolean = () => true,
  clock: Clock = systemClock,
): { stop(): void } {
  if (intervalMinutes <= 0) return { stop: () => undefined };
  const timer = clock.setInterval(() => {
    if (!isLeader()) return;
    return collector.run('schedule').catch((error: unknown) => {
      logger.error('scheduled collection failed', { event: 'collection.error', error });
    });
  }, intervalMinutes * 60_000);
  timer.unref();
  return { stop: () => clock.clearInterval(timer) };
}
