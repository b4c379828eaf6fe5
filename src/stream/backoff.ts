import { jitteredBackoffMs } from '../backoff';
import type { StreamConfig } from '../config';
import type { ConnectionEnd } from './types';

/** Consecutive failures of each kind since the last connection that opened. */
export interface FailureCounts {
  network: number;
  http: number;
  rateLimited: number;
}

export const noFailures = (): FailureCounts => ({ network: 0, http: 0, rateLimited: 0 });

/**
 * X's reconnection advice: linear from the network base on network errors and stalls, exponential from
 * the HTTP base on HTTP errors, and from the rate-limit base on 429. Counts the failure.
 */
export function delayAfter(
  end: ConnectionEnd,
  failures: FailureCounts,
  config: StreamConfig,
  random = Math.random,
): number {
  if (end.kind === 'http' && end.status === 429) {
    const step = failures.rateLimited++;
    const limits = { baseMs: config.rateLimitBackoffMs, maxMs: config.rateLimitBackoffMs * 16 };
    return jitteredBackoffMs(step, limits, random);
  }
  if (end.kind === 'http') {
    const step = failures.http++;
    return jitteredBackoffMs(step, { baseMs: config.httpBackoffMs, maxMs: config.httpBackoffMaxMs }, random);
  }
  failures.network += 1;
  return Math.min(config.networkBackoffMaxMs, config.networkBackoffMs * failures.network);
}

/** The reconnect reason label of an end. */
export const reasonOf = (end: ConnectionEnd): string =>
  end.kind === 'http' ? `http_${end.status}` : end.kind === 'refused' ? 'rules_refused' : end.kind;

/** 401, 403 and refused rules will not mend by retrying: the run ends with this reason. */
export function fatalReasonOf(end: ConnectionEnd): string | undefined {
  if (end.kind === 'refused') return 'rules_refused';
  if (end.kind !== 'http') return undefined;
  if (end.status === 401) return 'unauthorized';
  if (end.status === 403) return 'forbidden';
  return undefined;
}
