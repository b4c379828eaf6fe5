import { startEmulator, type Emulator } from '../../emulator/server';
import type { Faults } from '../../emulator/faults';
import type { TestApp } from '../helpers/app';
import { ADMIN_TOKEN } from '../helpers/app';
import { until } from '../helpers/until';
import { BEARER, buildAppOnEmulator, sampleCorpus } from '../collector/x-api-helpers';

export const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

/** Short stream timings, so stalls and backoffs take milliseconds. */
export const FAST_STREAM = {
  STREAM_STALL_TIMEOUT_MS: '400',
  STREAM_NETWORK_BACKOFF_MS: '20',
  STREAM_NETWORK_BACKOFF_MAX_MS: '100',
  STREAM_HTTP_BACKOFF_MS: '20',
  STREAM_HTTP_BACKOFF_MAX_MS: '200',
  STREAM_RATE_LIMIT_BACKOFF_MS: '50',
  STREAM_BATCH_MS: '20',
};

export async function startStreamEmulator(faults: Faults = {}): Promise<Emulator> {
  return startEmulator({
    corpus: sampleCorpus(),
    port: 0,
    bearerToken: BEARER,
    faults: { streamRate: 200, streamHeartbeatMs: 100, ...faults },
  });
}

export const buildStreamApp = (emulator: Emulator, env: Record<string, string> = {}) =>
  buildAppOnEmulator(emulator.url, { ...FAST_STREAM, ...env });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a response body, checked by the spec agent
export const statisticsOf = async (app: TestApp): Promise<any> =>
  (await app.api.get('/statistics').expect(200)).body;

/** Waits until the running run satisfies `check`. */
export async function untilCurrent(
  app: TestApp,
  check: (current: Record<string, number> & { reconnects_by_reason: Record<string, number> }) => boolean,
  what: string,
): Promise<void> {
  await until(
    async () => {
      const { current } = await statisticsOf(app);
      return current !== null && check(current);
    },
    what,
    15_000,
  );
}
