import { startEmulator, type Emulator } from '../../emulator/server';
import { createXApiSource } from '../../src/collector/sources/x-api';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app';
import { until } from '../helpers/until';
import { BEARER, buildAppOnEmulator, sampleCorpus } from './x-api-helpers';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

describe('the X API request in flight', () => {
  let emulator: Emulator;
  let app: TestApp;

  afterEach(async () => {
    await app?.close();
    await emulator?.close();
  });

  test('when the collector is stopped while X hangs, then the request is aborted and stop() resolves within a second', async () => {
    emulator = await startEmulator({
      corpus: sampleCorpus(),
      port: 0,
      bearerToken: BEARER,
      faults: { hangNext: 5 },
    });
    app = await buildAppOnEmulator(emulator.url, { TAGS: '#devops', X_API_TIMEOUT_MS: '60000' });
    const running = app.collector.run('schedule');
    await until(() => emulator.requests.length === 1, 'the search request', 5000);

    const started = Date.now();
    await app.collector.stop();

    expect(Date.now() - started).toBeLessThan(1000);
    const summary = await running;
    expect(summary.tags[0]).toMatchObject({ status: 'cancelled', returned: 0 });
    expect(emulator.requests).toHaveLength(1);
    expect(app.logs.filter((line) => line['event.action'] === 'x_api.retry')).toEqual([]);
  });

  test('when the consumer-key token exchange meets a connection error, then it is retried like any other call', async () => {
    emulator = await startEmulator({
      corpus: sampleCorpus(),
      port: 0,
      consumerKey: 'ck',
      consumerSecret: 'cs',
      faults: { resetTokenNext: 1 },
    });
    app = await buildTestApp({
      env: {
        TAGS: '#devops',
        TWEET_SOURCE: 'x-api',
        TWITTER_CONSUMER_KEY: 'ck',
        TWITTER_CONSUMER_SECRET: 'cs',
        TWITTER_API_BASE_URL: emulator.url,
      },
      source: ({ config, logger, metrics }) =>
        createXApiSource({
          ...config.xApi,
          maxWaitSeconds: 1,
          logger,
          metrics,
          retry: { attempts: 4, baseDelayMs: 20, maxDelayMs: 100 },
        }),
    });

    const res = await app.api.get('/database').set(auth).expect(200);

    expect(res.body.summary.outcome).toBe('success');
    expect(emulator.requests.filter((request) => request.path === '/oauth2/token')).toHaveLength(2);
    const metrics = (await app.api.get('/metrics')).text;
    expect(metrics).toMatch(
      /^twitterapi_x_api_requests_total\{endpoint="oauth2_token",status="network_error"\} 1$/m,
    );
  });
});
