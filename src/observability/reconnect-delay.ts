import { jitteredBackoffMs } from '../backoff';

export interface ReconnectOptions {
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RECONNECT: ReconnectOptions = { initialDelayMs: 500, maxDelayMs: 30_000 };

/** The delay before the next attempt to reach Logstash after `failures` failed ones. */
export function reconnectDelayMs(
  failures: number,
  { initialDelayMs, maxDelayMs }: ReconnectOptions,
  random = Math.random,
): number {
  return jitteredBackoffMs(failures, { baseMs: initialDelayMs, maxMs: maxDelayMs }, random);
}
