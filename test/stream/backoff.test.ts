import { loadConfig } from '../../src/config';
import { delayAfter, fatalReasonOf, noFailures } from '../../src/stream/backoff';
import type { ConnectionEnd } from '../../src/stream/types';

const config = loadConfig({ TWEET_SOURCE: 'sample' }).stream;
const atMost = () => 1;
const series = (end: ConnectionEnd, times: number) => {
  const failures = noFailures();
  return Array.from({ length: times }, () => delayAfter(end, failures, config, atMost));
};

describe('stream reconnection delays (X defaults)', () => {
  test('when the network fails again and again, then the delay grows linearly from 250 ms to 16 s', () => {
    expect(series({ kind: 'network', message: 'reset' }, 3)).toEqual([250, 500, 750]);
    expect(series({ kind: 'stall' }, 70).at(-1)).toBe(16_000);
    expect(series({ kind: 'stall' }, 70).indexOf(16_000)).toBe(63);
  });

  test('when X answers HTTP errors, then the delay doubles from 5 s up to 320 s', () => {
    expect(series({ kind: 'http', status: 503, message: '' }, 8)).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 320_000,
    ]);
  });

  test('when X answers 429, then the delay doubles from 60 s', () => {
    expect(series({ kind: 'http', status: 429, message: '' }, 3)).toEqual([60_000, 120_000, 240_000]);
  });

  test('when jitter draws its least, then an exponential delay is half its ceiling', () => {
    expect(delayAfter({ kind: 'http', status: 500, message: '' }, noFailures(), config, () => 0)).toBe(2_500);
  });

  test('when X answers 401 or 403, then the run ends with a reason; other statuses are retried', () => {
    expect(fatalReasonOf({ kind: 'http', status: 401, message: '' })).toBe('unauthorized');
    expect(fatalReasonOf({ kind: 'http', status: 403, message: '' })).toBe('forbidden');
    expect(fatalReasonOf({ kind: 'http', status: 429, message: '' })).toBeUndefined();
    expect(fatalReasonOf({ kind: 'stall' })).toBeUndefined();
  });
});
