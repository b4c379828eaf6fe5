import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import https from 'node:https';
import { TwitterApi, type ITwitterApiClientPlugin, type TwitterApiReadOnly } from 'twitter-api-v2';

export interface XClientOptions {
  bearerToken?: string;
  consumerKey?: string;
  consumerSecret?: string;
  /** e.g. https://api.x.com, or http://127.0.0.1:5100 for the emulator */
  baseUrl: string;
  timeoutMs: number;
}

const X_ORIGINS = /^https:\/\/(api\.x\.com|api\.twitter\.com)(?=\/)/;

/** The signal of the run a request is made for; the library's calls take none, so it travels ambiently. */
const runSignal = new AsyncLocalStorage<AbortSignal>();

/** Runs `call` so that the X requests it makes are aborted, in flight, when `signal` aborts. */
export function abortableBy<T>(signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
  return signal ? runSignal.run(signal, call) : call();
}

/**
 * The library hard-codes X's hosts and offers no timeout; `setPrefix` is protected and
 * `cloneWithPrefix` is broken, so both are applied to every request here.
 */
function baseUrlAndTimeoutPlugin(baseUrl: string, timeoutMs: number): ITwitterApiClientPlugin {
  return {
    onBeforeRequestConfig({ params }) {
      params.url = params.url.replace(X_ORIGINS, baseUrl);
      // Socket idle timeout: the library destroys the request with "Request timeout.".
      params.timeout = timeoutMs;
    },
    onBeforeRequest({ requestOptions }) {
      // Total time limit, for a server that trickles bytes and so never idles; and the run's stop.
      const timeout = AbortSignal.timeout(timeoutMs);
      const run = runSignal.getStore();
      requestOptions.signal = run ? AbortSignal.any([timeout, run]) : timeout;
    },
    // The filtered stream: the same base URL; no time limit, its stall timeout is the stream runner's.
    onBeforeStreamRequestConfig({ params }) {
      params.url = params.url.replace(X_ORIGINS, baseUrl);
    },
  };
}

/**
 * An app-only client: the bearer token as given, or one exchanged for the consumer key and secret
 * (POST /oauth2/token). The exchange is made once, on first use.
 */
export function createXClientFactory(options: XClientOptions): () => Promise<TwitterApiReadOnly> {
  const secure = options.baseUrl.startsWith('https:');
  // twitter-api-v2 refuses http:// URLs unless it is given an http.Agent.
  const httpAgent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const settings = { httpAgent, plugins: [baseUrlAndTimeoutPlugin(options.baseUrl, options.timeoutMs)] };
  let client: Promise<TwitterApiReadOnly> | undefined;

  const connect = async (): Promise<TwitterApiReadOnly> => {
    if (options.bearerToken) return new TwitterApi(options.bearerToken, settings).readOnly;
    if (!options.consumerKey || !options.consumerSecret) {
      throw new Error('set TWITTER_BEARER_TOKEN, or TWITTER_CONSUMER_KEY and TWITTER_CONSUMER_SECRET');
    }
    const consumer = new TwitterApi(
      { appKey: options.consumerKey, appSecret: options.consumerSecret },
      settings,
    );
    return (await consumer.appLogin()).readOnly;
  };

  return () => {
    // A failed exchange is not cached, so the next run tries again.
    client ??= connect().catch((error: unknown) => {
      client = undefined;
      throw error;
    });
    return client;
  };
}
