import { ConfigError } from './read';
import type { GivenEnv } from './setting';
import { hasXCredentials } from './source';
import type { Config } from './table';

/** Values that are valid only together. */
export function checkTogether(config: Config, given: GivenEnv, env: NodeJS.ProcessEnv): void {
  if (Boolean(given.TWITTER_CONSUMER_KEY) !== Boolean(given.TWITTER_CONSUMER_SECRET)) {
    throw new ConfigError('Invalid TWITTER_CONSUMER_KEY/TWITTER_CONSUMER_SECRET: expected both or neither');
  }
  checkServerLimits(config, env);
  if (config.source === 'x-api' && !hasXCredentials(given)) {
    throw new ConfigError(
      'Invalid TWEET_SOURCE="x-api": expected TWITTER_BEARER_TOKEN, or TWITTER_CONSUMER_KEY and TWITTER_CONSUMER_SECRET',
    );
  }
}

function checkServerLimits({ http, live }: Config, env: NodeJS.ProcessEnv): void {
  if (http.headersTimeoutMs > http.requestTimeoutMs) {
    throw new ConfigError(
      `Invalid HTTP_HEADERS_TIMEOUT_MS=${JSON.stringify(env.HTTP_HEADERS_TIMEOUT_MS ?? '')}: expected at most HTTP_REQUEST_TIMEOUT_MS (${http.requestTimeoutMs})`,
    );
  }
  const liveCeiling = Math.floor((http.maxConnections * 3) / 4);
  if (live.maxClients > liveCeiling) {
    throw new ConfigError(
      `Invalid LIVE_MAX_CLIENTS=${JSON.stringify(env.LIVE_MAX_CLIENTS ?? String(live.maxClients))}: expected at most three quarters of HTTP_MAX_CONNECTIONS (${liveCeiling}), so other requests always find a connection`,
    );
  }
}
