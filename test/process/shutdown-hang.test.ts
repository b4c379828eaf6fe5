import { startEmulator, type Emulator } from '../../emulator/server';
import { BEARER, sampleCorpus } from '../collector/x-api-helpers';
import { startMain, type MainProcess } from '../helpers/main-process';
import { until } from '../helpers/until';

describe('shutdown while the X API hangs', () => {
  let emulator: Emulator;
  let main: MainProcess;

  afterEach(async () => {
    main?.cleanup();
    await emulator?.close();
  });

  test('when SIGTERM arrives during the first collection and X never answers, then the process exits 0 within SHUTDOWN_TIMEOUT_MS', async () => {
    emulator = await startEmulator({
      corpus: sampleCorpus(),
      port: 0,
      bearerToken: BEARER,
      faults: { hangNext: 100 },
    });
    main = await startMain({
      TWEET_SOURCE: 'x-api',
      TWITTER_BEARER_TOKEN: BEARER,
      TWITTER_API_BASE_URL: emulator.url,
      X_API_TIMEOUT_MS: '60000',
      SHUTDOWN_TIMEOUT_MS: '3000',
      ADMIN_TOKEN: 'shutdown-test-admin-token',
    });
    await main.ready();
    await until(() => emulator.requests.length > 0, 'the first search request', 10_000);

    const started = Date.now();
    const code = await main.signal('SIGTERM');

    expect({ code, withinTimeout: Date.now() - started < 3000 }).toEqual({ code: 0, withinTimeout: true });
    expect(main.lines.find((line) => line['event.action'] === 'collection.end')).toMatchObject({
      outcome: 'failed',
    });
  });
});
