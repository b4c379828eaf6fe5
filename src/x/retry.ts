import type { Logger } from 'winston';
import { jitteredBackoffMs, sleep } from '../backoff';
import type { AppMetrics } from '../observability/metrics';
import { SourceError } from './source-error';
import { abortableBy } from './client';
import { classify, type Failure } from './failure';

export interface RetryPolicy {
  /** attempts per request, the first included */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 1000, maxDelayMs: 15_000 };

export const ABORTED = Symbol('aborted');

export interface RetryDeps {
  logger: Logger;
  metrics: AppMetrics;
  retry: RetryPolicy;
  /** a 429 whose reset is further away than this ends the tag as rate_limited */
  maxWaitSeconds: number;
}

export interface Call<T, S> {
  endpoint: 'search_recent' | 'oauth2_token';
  /** e.g. "page 2", for the messages */
  what: string;
  signal?: AbortSignal;
  send(attempt: number): Promise<T>;
  /** a failure the caller handles itself (a stale since_id, say): its answer, or undefined */
  special?(failure: Failure): S | undefined;
}

/**
 * Makes one X call with retries: transient failures after a jittered backoff, a near 429 after its
 * reset; a fatal one throws at once. The run's signal aborts the call in flight and every wait.
 */
export async function withRetries<T, S = never>(
  deps: RetryDeps,
  call: Call<T, S>,
): Promise<T | S | typeof ABORTED> {
  for (let attempt = 1; ; attempt++) {
    if (call.signal?.aborted) return ABORTED;
    try {
      return await abortableBy(call.signal, () => call.send(attempt));
    } catch (error) {
      if (call.signal?.aborted) return ABORTED;
      if (error instanceof SourceError) throw error;
      const failure = classify(error);
      deps.metrics.recordXApiCall(call.endpoint, failure.status, rateLimitOf(error).remaining);
      logFailedCall(deps.logger, call.endpoint, failure.status, attempt, error);
      if (failure.action === 'fatal') throw new SourceError('fatal', failure.reason, { cause: error });
      const special = call.special?.(failure);
      if (special !== undefined) return special;
      const delayMs = delayBeforeNext(deps, call, failure, attempt, error);
      deps.logger.warn(`retrying ${call.endpoint} in ${delayMs} ms: ${failure.reason}`, {
        event: 'x_api.retry',
        endpoint: call.endpoint,
        attempt,
        reason: failure.action === 'wait' ? 'rate_limited' : failure.reason,
        delay_ms: delayMs,
      });
      if (!(await sleep(delayMs, call.signal))) return ABORTED;
    }
  }
}

/** How long to wait before the next attempt; throws when there is to be none. */
function delayBeforeNext<T, S>(
  deps: RetryDeps,
  call: Call<T, S>,
  failure: Failure,
  attempt: number,
  error: unknown,
): number {
  const { attempts } = deps.retry;
  if (failure.action === 'wait') {
    const waitMs =
      failure.resetAtMs === undefined ? Infinity : Math.max(failure.resetAtMs - Date.now(), 0) + 250;
    if (waitMs <= deps.maxWaitSeconds * 1000 && attempt <= attempts) return waitMs;
    const resetAt =
      failure.resetAtMs === undefined ? 'an unknown time' : new Date(failure.resetAtMs).toISOString();
    throw new SourceError(
      'rate_limited',
      `rate limited by the X API until ${resetAt}, more than COLLECT_MAX_WAIT_SECONDS=${deps.maxWaitSeconds} away`,
    );
  }
  if (failure.action !== 'retry' || attempt >= attempts) {
    throw new SourceError('failed', `${failure.reason} (${call.what}, attempt ${attempt} of ${attempts})`, {
      cause: error,
    });
  }
  return jitteredBackoffMs(attempt - 1, { baseMs: deps.retry.baseDelayMs, maxMs: deps.retry.maxDelayMs });
}

function logFailedCall(
  logger: Logger,
  endpoint: string,
  status: string,
  attempt: number,
  error: unknown,
): void {
  const rateLimit = rateLimitOf(error);
  logger.warn(`X API ${endpoint}: ${status}`, {
    event: 'x_api.request',
    endpoint,
    status,
    attempt,
    rate_limit_remaining: rateLimit.remaining,
    rate_limit_reset: rateLimit.reset,
    error,
  });
}

export function rateLimitOf(value: unknown): { remaining?: number; reset?: number } {
  return (value as { rateLimit?: { remaining?: number; reset?: number } }).rateLimit ?? {};
}
