import { createRateWindow } from '../../emulator/rate-window';

describe('the rate-limit window', () => {
  const start = Date.parse('2026-11-20T12:00:00.000Z');

  test('when the allowance is used up, then requests are refused until 15 minutes after the first', () => {
    const window = createRateWindow(3);

    const taken = [start, start + 1, start + 2, start + 3].map((ms) => window.take(ms));

    expect(taken).toEqual([true, true, true, false]);
    expect(window.headers(start + 4)).toEqual({
      'x-rate-limit-limit': '3',
      'x-rate-limit-remaining': '0',
      'x-rate-limit-reset': String(start / 1000 + 900),
    });
    expect(window.take(start + 899_999)).toBe(false);
    expect(window.take(start + 900_000)).toBe(true);
    expect(window.headers(start + 900_001)['x-rate-limit-remaining']).toBe('2');
  });
});
