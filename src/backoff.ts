/** Exponential backoff limits: the first delay's ceiling, and the cap. */
export interface BackoffLimits {
  baseMs: number;
  maxMs: number;
}

/**
 * Exponential backoff, capped, with "equal jitter": between half and all of base x 2^step (step 0 =
 * the first delay), so many clients that lost the same server do not all knock again at once.
 */
export function jitteredBackoffMs(
  step: number,
  { baseMs, maxMs }: BackoffLimits,
  random = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(step, 0), 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Resolves after `ms` with true, or at once with false when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
