import type { TwitterApiReadOnly } from 'twitter-api-v2';
import { createXClientFactory, type XClientOptions } from '../../x/client';
import { InvalidBodyError, isFromX } from '../../x/failure';
import {
  ABORTED,
  DEFAULT_RETRY,
  rateLimitOf,
  withRetries,
  type RetryDeps,
  type RetryPolicy,
} from '../../x/retry';
import { SourceError } from '../../x/source-error';
import { SEARCH_FIELDS, type SearchPage } from '../../x/wire';
import type { PageRequest, PostSource } from '../types';

export interface XApiSourceOptions extends XClientOptions, Omit<RetryDeps, 'retry'> {
  retry?: RetryPolicy;
}

const STALE_SINCE_ID = Symbol('stale since_id');
const RANGE_EXPIRED = Symbol('range expired');

/** Recent search through twitter-api-v2, page by page with next_token, with retries and rate-limit waits. */
export function createXApiSource(options: XApiSourceOptions): PostSource {
  const deps: RetryDeps = { ...options, retry: options.retry ?? DEFAULT_RETRY };
  const connect = connector(deps, createXClientFactory(options));

  async function* pages(request: PageRequest): AsyncGenerator<SearchPage> {
    const client = await connect(request.signal);
    if (client === ABORTED) return;
    let sinceId = request.sinceId;
    let nextToken: string | undefined;
    for (let page = 1; ;) {
      const query = {
        ...SEARCH_FIELDS,
        query: `${request.tag} -is:retweet`,
        ...(sinceId && { since_id: sinceId }),
        ...(request.untilId && { until_id: request.untilId }),
        ...(nextToken && { next_token: nextToken }),
      };
      const outcome = await fetchPage(deps, client, query, request.signal, page);
      if (outcome === ABORTED || outcome === RANGE_EXPIRED) return;
      if (outcome === STALE_SINCE_ID) {
        deps.logger.info(`since_id ${sinceId} is older than recent search allows; searching without it`, {
          event: 'x_api.since_id_fallback',
        });
        sinceId = undefined;
        continue;
      }
      yield outcome;
      page += 1;
      nextToken = outcome.meta.next_token;
      if (!nextToken || request.signal?.aborted) return;
    }
  }

  return { name: 'x-api', pages };
}

/** One search page; a stale since_id or until_id is answered with a marker instead of a failure. */
function fetchPage(
  deps: RetryDeps,
  client: TwitterApiReadOnly,
  query: Record<string, string>,
  signal: AbortSignal | undefined,
  page: number,
) {
  return withRetries(deps, {
    endpoint: 'search_recent',
    what: `page ${page}`,
    signal,
    async send(attempt) {
      const response = await client.v2.get<SearchPage>('tweets/search/recent', query, { fullResponse: true });
      if (!isSearchPage(response.data)) throw new InvalidBodyError('the body has no meta object');
      const rateLimit = rateLimitOf(response);
      deps.metrics.recordXApiCall('search_recent', '200', rateLimit.remaining);
      deps.logger.info(`X API search: 200, ${response.data.meta.result_count} posts`, {
        event: 'x_api.request',
        endpoint: 'search_recent',
        status: 200,
        attempt,
        result_count: response.data.meta.result_count,
        rate_limit_remaining: rateLimit.remaining,
        rate_limit_reset: rateLimit.reset,
      });
      return response.data;
    },
    special(failure) {
      if (failure.action === 'stale_since_id' && query.since_id) return STALE_SINCE_ID;
      if (failure.action === 'stale_until_id' && query.until_id) {
        deps.logger.info(`until_id ${query.until_id} has left the search window; the range is over`, {
          event: 'x_api.until_id_expired',
        });
        return RANGE_EXPIRED;
      }
      return undefined;
    },
  });
}

/** The client, its token exchange retried like any call; a setup error (no credentials) is fatal. */
function connector(deps: RetryDeps, getClient: () => Promise<TwitterApiReadOnly>) {
  return async (signal: AbortSignal | undefined) => {
    try {
      return await withRetries(deps, {
        endpoint: 'oauth2_token',
        what: 'getting an app-only token',
        signal,
        send: async () => {
          try {
            return await getClient();
          } catch (error) {
            if (isFromX(error)) throw error;
            throw new SourceError('fatal', (error as Error).message, { cause: error });
          }
        },
      });
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      const message = `getting an app-only token failed: ${error.message}`;
      throw new SourceError(error.kind, message, { cause: error.cause });
    }
  };
}

function isSearchPage(body: unknown): body is SearchPage {
  return typeof body === 'object' && body !== null && typeof (body as SearchPage).meta === 'object';
}
