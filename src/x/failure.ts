import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2';

/** What the source does about a failed X API call. */
export type Failure =
  | { action: 'retry'; status: string; reason: string }
  | { action: 'wait'; status: string; reason: string; resetAtMs: number | undefined }
  | { action: 'stale_since_id'; status: string; reason: string }
  | { action: 'stale_until_id'; status: string; reason: string }
  | { action: 'fatal'; status: string; reason: string }
  | { action: 'give_up'; status: string; reason: string };

/** The page body is not a recent-search response (an HTML error page with status 200, say). */
export class InvalidBodyError extends Error {
  override name = 'InvalidBodyError';
}

/** Whether the error came from talking to X (an answer, or the connection), not from our own setup. */
export function isFromX(error: unknown): boolean {
  return (
    error instanceof ApiResponseError ||
    error instanceof ApiRequestError ||
    error instanceof ApiPartialResponseError ||
    error instanceof InvalidBodyError
  );
}

export function classify(error: unknown): Failure {
  if (error instanceof ApiResponseError) return classifyResponse(error);
  if (error instanceof ApiPartialResponseError || error instanceof InvalidBodyError) {
    return {
      action: 'retry',
      status: 'invalid_body',
      reason: `the response body is not valid JSON: ${error.message}`,
    };
  }
  if (error instanceof ApiRequestError) {
    // twitter-api-v2 stores the cause under `_options.error` while its `requestError` getter reads
    // `_options.requestError`, which is always undefined.
    const cause: Error =
      error.requestError ?? (error as unknown as { _options?: { error?: Error } })._options?.error ?? error;
    const timedOut =
      /timeout/i.test(cause.message) || cause.name === 'AbortError' || cause.name === 'TimeoutError';
    return timedOut
      ? { action: 'retry', status: 'timeout', reason: 'the request timed out' }
      : { action: 'retry', status: 'network_error', reason: `connection error: ${cause.message}` };
  }
  return { action: 'retry', status: 'network_error', reason: (error as Error).message };
}

function classifyResponse(error: ApiResponseError): Failure {
  const status = String(error.code);
  const body = (error.data ?? {}) as Record<string, unknown>;
  const title = typeof body.title === 'string' ? body.title : '';
  const detail = typeof body.detail === 'string' ? body.detail : error.message;
  if (error.code === 429 && /UsageCapExceeded/i.test(`${title} ${String(body.type)}`)) {
    return {
      action: 'fatal',
      status,
      reason: `the X API usage cap of this account is exhausted (${detail}); wait for the cap period to reset or upgrade the access tier in the X developer portal`,
    };
  }
  if (error.code === 429) {
    const reset = Number(error.headers['x-rate-limit-reset']);
    return {
      action: 'wait',
      status,
      reason: 'rate limited (429)',
      resetAtMs: Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined,
    };
  }
  if (error.code === 401) {
    return {
      action: 'fatal',
      status,
      reason:
        'the X API rejected the credentials (401 Unauthorized): check TWITTER_BEARER_TOKEN, or TWITTER_CONSUMER_KEY and TWITTER_CONSUMER_SECRET',
    };
  }
  if (error.code === 403) {
    const enrolment =
      body.reason === 'client-not-enrolled'
        ? 'the X developer App is not attached to a Project with recent-search access (client-not-enrolled): attach it to a Project in the developer portal, on a tier that includes recent search'
        : `the X API refused access (403 ${title || 'Forbidden'}): the App's access tier must include recent search`;
    return { action: 'fatal', status, reason: enrolment };
  }
  // until_id first: when it has left the search window, so has everything older.
  if (error.code === 400 && mentions(body, 'until_id')) {
    return { action: 'stale_until_id', status, reason: detail };
  }
  if (error.code === 400 && mentions(body, 'since_id')) {
    return { action: 'stale_since_id', status, reason: detail };
  }
  if (error.code >= 500)
    return { action: 'retry', status, reason: `the X API answered ${error.code} ${title}`.trim() };
  return { action: 'give_up', status, reason: `the X API answered ${error.code}: ${detail}` };
}

function mentions(body: Record<string, unknown>, parameter: 'since_id' | 'until_id'): boolean {
  const errors = Array.isArray(body.errors) ? (body.errors as Record<string, unknown>[]) : [];
  return errors.some((entry) => {
    const parameters = entry.parameters as Record<string, unknown> | undefined;
    return Boolean(parameters?.[parameter]) || String(entry.message).includes(parameter);
  });
}
