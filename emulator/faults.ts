import type { StreamFaults } from './stream';
import type { RuleFaults } from './stream-rules';

/** Faults the emulator can inject; counters ("...Next") are used up one search request at a time. */
export interface Faults extends StreamFaults, RuleFaults {
  /** after this many search requests, answer 429 until the reset time passes */
  rateLimitAfter?: number;
  /** seconds from the first 429 to its x-rate-limit-reset (default 900) */
  rateLimitResetSeconds?: number;
  /** 429 with the UsageCapExceeded problem */
  usageCapExceeded?: boolean;
  /** answer the next N search requests with 503 */
  unavailableNext?: number;
  /** answer a share (0..1) of search requests with 503 */
  unavailableRate?: number;
  /** delay before every answer */
  latencyMs?: number;
  /** never answer the next N search requests */
  hangNext?: number;
  /** send half of the JSON body, then end */
  truncateNext?: number;
  /** 200 with an HTML body */
  nonJsonNext?: number;
  unauthorized?: boolean;
  forbidden?: boolean | 'client-not-enrolled';
  /** add a partial `errors` array to every 200 page (true), or only to this page of each query (1 = the first) */
  partialErrorsOnPage?: boolean | number;
  /** close the connection of the next N token requests (POST /oauth2/token) without an answer */
  resetTokenNext?: number;
  /** each tag's pagination fails with this status after that many pages */
  failAfterPages?: { pages: number; status: number };
}

export interface FaultState {
  faults: Faults;
  searches: number;
  rateLimitedUntilMs?: number;
}

export type FaultAnswer =
  | { kind: 'none' }
  | { kind: 'status'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'truncate' }
  | { kind: 'non_json' };

export const PROBLEMS = {
  unauthorized: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
  tooManyRequests: {
    title: 'Too Many Requests',
    detail: 'Too Many Requests',
    type: 'about:blank',
    status: 429,
  },
  usageCap: {
    title: 'UsageCapExceeded',
    detail: 'Usage cap exceeded: Monthly product cap',
    type: 'https://api.twitter.com/2/problems/usage-capped',
    period: 'Monthly',
    scope: 'Product',
  },
  unavailable: {
    title: 'Service Unavailable',
    detail: 'Service Unavailable',
    type: 'about:blank',
    status: 503,
  },
  clientNotEnrolled: {
    client_id: '10000001',
    detail:
      'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.',
    registration_url: 'https://developer.twitter.com/en/docs/projects/overview',
    title: 'Client Forbidden',
    required_enrollment: 'Appropriate Level of API Access',
    reason: 'client-not-enrolled',
    type: 'https://api.twitter.com/2/problems/client-forbidden',
  },
  forbidden: { title: 'Forbidden', type: 'about:blank', status: 403, detail: 'Forbidden' },
} as const;

export const take = (
  faults: Faults,
  key: 'unavailableNext' | 'hangNext' | 'truncateNext' | 'nonJsonNext' | 'resetTokenNext',
): boolean => {
  const left = faults[key] ?? 0;
  if (left <= 0) return false;
  faults[key] = left - 1;
  return true;
};

/** Decides the fault, if any, for the next search request. `page` counts from 0 within one tag. */
export function nextFault(state: FaultState, page: number, nowMs: number): FaultAnswer {
  const { faults } = state;
  state.searches += 1;
  if (faults.unauthorized) return { kind: 'status', status: 401, body: PROBLEMS.unauthorized };
  if (faults.forbidden) {
    return {
      kind: 'status',
      status: 403,
      body: faults.forbidden === 'client-not-enrolled' ? PROBLEMS.clientNotEnrolled : PROBLEMS.forbidden,
    };
  }
  if (faults.usageCapExceeded) return { kind: 'status', status: 429, body: PROBLEMS.usageCap };
  if (faults.rateLimitAfter !== undefined && state.searches > faults.rateLimitAfter) {
    state.rateLimitedUntilMs ??= nowMs + (faults.rateLimitResetSeconds ?? 900) * 1000;
    if (nowMs < state.rateLimitedUntilMs) {
      return {
        kind: 'status',
        status: 429,
        body: PROBLEMS.tooManyRequests,
        headers: {
          'x-rate-limit-remaining': '0',
          'x-rate-limit-reset': String(Math.ceil(state.rateLimitedUntilMs / 1000)),
        },
      };
    }
    // The window has reset: a fresh allowance of requests.
    state.rateLimitedUntilMs = undefined;
    state.searches = 1;
  }
  if (take(faults, 'hangNext')) return { kind: 'hang' };
  if (take(faults, 'unavailableNext') || (faults.unavailableRate && Math.random() < faults.unavailableRate)) {
    return { kind: 'status', status: 503, body: PROBLEMS.unavailable };
  }
  if (take(faults, 'truncateNext')) return { kind: 'truncate' };
  if (take(faults, 'nonJsonNext')) return { kind: 'non_json' };
  if (faults.failAfterPages && page >= faults.failAfterPages.pages) {
    const status = faults.failAfterPages.status;
    return {
      kind: 'status',
      status,
      body: { title: 'Internal Server Error', detail: 'Internal Server Error', type: 'about:blank', status },
    };
  }
  return { kind: 'none' };
}
