import { z } from 'zod';
import { area, setting, type GivenEnv } from './setting';
import { httpUrl, integer, text } from './schemas';

/** X API app-only auth: a bearer token, or a consumer key and secret exchanged for one. */
export const hasXCredentials = (given: GivenEnv): boolean =>
  Boolean(given.TWITTER_BEARER_TOKEN || (given.TWITTER_CONSUMER_KEY && given.TWITTER_CONSUMER_SECRET));

export const sourceArea = area({
  title: 'Source of posts',
  about:
    'Collections and the stream read the X API v2 with app-only credentials (recent search needs a paid or ' +
    'pay-per-use access tier), or, without them, the bundled synthetic sample.',
  fields: {
    source: setting('TWEET_SOURCE', z.enum(['x-api', 'sample']), {
      default: (given) => (hasXCredentials(given) ? 'x-api' : 'sample'),
      shown: '`x-api` with credentials, else `sample`',
      doc: 'where collections read from',
    }),
    samplePath: setting('SAMPLE_PATH', text, {
      default: 'data/sample/synthetic-recent-search.json',
      doc: 'the sample corpus (X API v2 recent-search format)',
    }),
    xApi: {
      bearerToken: setting('TWITTER_BEARER_TOKEN', text, {
        secret: true,
        doc: 'X API app-only bearer token',
      }),
      consumerKey: setting('TWITTER_CONSUMER_KEY', text, {
        secret: true,
        doc: 'alternatively to the bearer token, with `TWITTER_CONSUMER_SECRET`: exchanged for a bearer token at first use',
      }),
      consumerSecret: setting('TWITTER_CONSUMER_SECRET', text, {
        secret: true,
        doc: 'with `TWITTER_CONSUMER_KEY`, exchanged for a bearer token at first use',
      }),
      baseUrl: setting(
        'TWITTER_API_BASE_URL',
        httpUrl.transform((url) => url.replace(/\/+$/, '')),
        {
          default: 'https://api.x.com',
          doc: 'X API base URL; `http://127.0.0.1:5100` for the emulator (`npm run emulator`)',
        },
      ),
      timeoutMs: setting('X_API_TIMEOUT_MS', integer(100, 600000), {
        default: 30000,
        doc: 'timeout of each X API request',
      }),
    },
  },
});
