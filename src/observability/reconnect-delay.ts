export interface ReconnectOptions {
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RECONNECT: ReconnectOptions = { initialDelayMs: 500, maxDelayMs: 30_000 };

/**
 * Exponential backoff, capped, with "equal jitter": half the delay fixed, half random, so many
 * instances that lost the same Logstash do not all knock again at the same moment.
 */
export function reconnectDelayMs(
  failures: number,
  { initialDelayMs, maxDelayMs }: ReconnectOptions,
  random = Math.random,
): number {
  const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(failures, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
