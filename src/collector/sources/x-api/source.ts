import type { TwitterApiReadOnly } from 'twitter-api-v2';
import type { Logger } from 'winston';
import type { AppMetrics } from '../../../observability/metrics';
import { SourceError } from '../../source-error';
import type { PageRequest, PostSource, SearchPage } from '../../types';
import { backoffDelayMs, DEFAULT_RETRY, sleep, type RetryPolicy } from './backoff';
import { createXClientFactory, type XClientOptions } from './client';
import { classify, InvalidBodyError, type Failure } from './failure';

export interface XApiSourceOptions extends XClientOptions {
  /** a 429 whose reset is further away than this stops the tag as rate_limited */
  maxWaitSeconds: number;
  logger: Logger;
  metrics: AppMetrics;
  retry?: RetryPolicy;
}

const ENDPOINT = 'search_recent';

export const SEARCH_FIELDS = {
  max_results: '100',
  expansions: 'author_id,geo.place_id',
  'tweet.fields': 'created_at,lang,entities,geo',
  'user.fields': 'public_metrics,location,username,name',
  'place.fields': 'country,country_code,full_name',
} as const;

/** Recent search through twitter-api-v2, page by page with next_token, with retries and rate-limit waits. */
export function createXApiSource(options: XApiSourceOptions): PostSource {
  const getClient = createXClientFactory(options);
  const retry = options.retry ?? DEFAULT_RETRY;

  async function* pages(request: PageRequest): AsyncGenerator<SearchPage> {
    const client = await connect(getClient);
    let sinceId = request.sinceId;
    let nextToken: string | undefined;
    let pageCount = 0;
    for (;;) {
      const query = {
        ...SEARCH_FIELDS,
        query: `${request.tag} -is:retweet`,
        ...(sinceId && { since_id: sinceId }),
        ...(nextToken && { next_token: nextToken }),
      };
      const outcome = await fetchWithRetries(client, query, request, pageCount);
      if (outcome === 'stale_since_id') {
        options.logger.info(
          `since_id ${sinceId} of ${request.tag} is older than recent search allows; searching without it`,
          {
            event: 'x_api.since_id_fallback',
            tag: request.tag,
          },
        );
        sinceId = undefined;
        continue;
      }
      if (outcome === 'aborted') return;
      pageCount += 1;
      yield outcome;
      nextToken = outcome.meta.next_token;
      if (!nextToken || request.signal?.aborted) return;
    }
  }

  async function fetchWithRetries(
    client: TwitterApiReadOnly,
    query: Record<string, string>,
    request: PageRequest,
    page: number,
  ): Promise<SearchPage | 'stale_since_id' | 'aborted'> {
    for (let attempt = 1; ; attempt++) {
      if (request.signal?.aborted) return 'aborted';
      try {
        return await fetchPage(client, query, request.tag, attempt);
      } catch (error) {
        const failure = classify(error);
        options.metrics.recordXApiCall(ENDPOINT, failure.status, rateLimitRemaining(error));
        logCall(request.tag, failure.status, attempt, error);
        if (failure.action === 'fatal') throw new SourceError('fatal', failure.reason, { cause: error });
        if (failure.action === 'stale_since_id' && query.since_id) return 'stale_since_id';
        if (failure.action === 'wait') {
          await waitForReset(failure, request, attempt);
          continue;
        }
        if (failure.action !== 'retry' || attempt >= retry.attempts) {
          throw new SourceError(
            'failed',
            `${failure.reason} (page ${page + 1}, attempt ${attempt} of ${retry.attempts})`,
            { cause: error },
          );
        }
        const delayMs = backoffDelayMs(retry, attempt);
        options.logger.warn(`retrying ${request.tag} in ${delayMs} ms: ${failure.reason}`, {
          event: 'x_api.retry',
          tag: request.tag,
          endpoint: ENDPOINT,
          attempt,
          reason: failure.reason,
          delay_ms: delayMs,
        });
        if (!(await sleep(delayMs, request.signal))) return 'aborted';
      }
    }
  }

  async function fetchPage(
    client: TwitterApiReadOnly,
    query: Record<string, string>,
    tag: string,
    attempt: number,
  ): Promise<SearchPage> {
    const response = await client.v2.get<SearchPage>('tweets/search/recent', query, { fullResponse: true });
    if (!isSearchPage(response.data)) throw new InvalidBodyError('the body has no meta object');
    options.metrics.recordXApiCall(ENDPOINT, '200', response.rateLimit?.remaining);
    options.logger.info(`X API search ${tag}: 200, ${response.data.meta.result_count} posts`, {
      event: 'x_api.request',
      tag,
      endpoint: ENDPOINT,
      status: 200,
      attempt,
      result_count: response.data.meta.result_count,
      rate_limit_remaining: response.rateLimit?.remaining,
      rate_limit_reset: response.rateLimit?.reset,
    });
    return response.data;
  }

  /** Waits for a 429's reset when it is near; a far one ends the tag, keeping what it has. */
  async function waitForReset(
    failure: Extract<Failure, { action: 'wait' }>,
    request: PageRequest,
    attempt: number,
  ): Promise<void> {
    const waitMs =
      failure.resetAtMs === undefined ? Infinity : Math.max(failure.resetAtMs - Date.now(), 0) + 250;
    if (waitMs > options.maxWaitSeconds * 1000 || attempt > retry.attempts) {
      const resetAt =
        failure.resetAtMs === undefined ? 'an unknown time' : new Date(failure.resetAtMs).toISOString();
      throw new SourceError(
        'rate_limited',
        `rate limited by the X API until ${resetAt}, more than COLLECT_MAX_WAIT_SECONDS=${options.maxWaitSeconds} away`,
      );
    }
    options.logger.warn(`rate limited on ${request.tag}; waiting ${waitMs} ms for the reset`, {
      event: 'x_api.retry',
      tag: request.tag,
      endpoint: ENDPOINT,
      attempt,
      reason: 'rate_limited',
      delay_ms: waitMs,
    });
    await sleep(waitMs, request.signal);
  }

  async function connect(factory: () => Promise<TwitterApiReadOnly>): Promise<TwitterApiReadOnly> {
    try {
      return await factory();
    } catch (error) {
      const failure = classify(error);
      options.metrics.recordXApiCall('oauth2_token', failure.status);
      if (failure.action === 'fatal' || !(error instanceof Error && 'code' in error)) {
        throw new SourceError('fatal', `getting an app-only token failed: ${failure.reason}`, {
          cause: error,
        });
      }
      throw new SourceError('failed', `getting an app-only token failed: ${failure.reason}`, {
        cause: error,
      });
    }
  }

  function logCall(tag: string, status: string, attempt: number, error: unknown): void {
    const remaining = rateLimitRemaining(error);
    options.logger.warn(`X API search ${tag}: ${status}`, {
      event: 'x_api.request',
      tag,
      endpoint: ENDPOINT,
      status,
      attempt,
      rate_limit_remaining: remaining,
      rate_limit_reset: rateLimitReset(error),
      error,
    });
  }

  return { name: 'x-api', pages };
}

function isSearchPage(body: unknown): body is SearchPage {
  return typeof body === 'object' && body !== null && typeof (body as SearchPage).meta === 'object';
}

function rateLimitRemaining(error: unknown): number | undefined {
  return (error as { rateLimit?: { remaining?: number } }).rateLimit?.remaining;
}

function rateLimitReset(error: unknown): number | undefined {
  return (error as { rateLimit?: { reset?: number } }).rateLimit?.reset;
}
