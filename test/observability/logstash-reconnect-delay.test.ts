import { reconnectDelayMs } from '../../src/observability/reconnect-delay';

const options = { initialDelayMs: 500, maxDelayMs: 30_000 };

describe('the delay before reconnecting to Logstash', () => {
  test('when failures add up, then the delay doubles up to its cap', () => {
    const atMost = (failures: number) => reconnectDelayMs(failures, options, () => 1);

    expect([0, 1, 2, 3, 6, 7, 100].map(atMost)).toEqual([500, 1000, 2000, 4000, 30_000, 30_000, 30_000]);
  });

  test('when jitter is drawn, then the delay stays between half and all of the step', () => {
    expect(reconnectDelayMs(3, options, () => 0)).toBe(2000);
    expect(reconnectDelayMs(3, options, () => 0.5)).toBe(3000);
    const drawn = Array.from({ length: 100 }, () => reconnectDelayMs(10, options));
    expect(Math.min(...drawn)).toBeGreaterThanOrEqual(15_000);
    expect(Math.max(...drawn)).toBeLessThanOrEqual(30_000);
    expect(new Set(drawn).size).toBeGreaterThan(1);
  });
});
