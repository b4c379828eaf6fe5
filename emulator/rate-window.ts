/** X's app-only allowance for recent search: 450 requests per 15-minute window, starting with the first request. */
export const RATE_LIMIT = 450;
const WINDOW_MS = 15 * 60 * 1000;

export interface RateWindow {
  /** counts one search request; false when this window's allowance was already used up */
  take(nowMs: number): boolean;
  /** the x-rate-limit-* headers X sends with every search answer */
  headers(nowMs: number): Record<string, string>;
}

export function createRateWindow(limit = RATE_LIMIT): RateWindow {
  let startMs: number | undefined;
  let used = 0;
  const roll = (nowMs: number) => {
    if (startMs === undefined || nowMs >= startMs + WINDOW_MS) {
      startMs = nowMs;
      used = 0;
    }
    return startMs;
  };
  return {
    take(nowMs) {
      roll(nowMs);
      if (used >= limit) return false;
      used += 1;
      return true;
    },
    headers(nowMs) {
      const start = roll(nowMs);
      return {
        'x-rate-limit-limit': String(limit),
        'x-rate-limit-remaining': String(limit - used),
        'x-rate-limit-reset': String(Math.ceil((start + WINDOW_MS) / 1000)),
      };
    },
  };
}
