import type { OpenRun } from '../../src/repositories/stream-runs-shared';
import { ActiveRun } from '../../src/stream/run';
import { isGone } from '../../src/stream/shared-supervision';
import { FakeClock } from '../helpers/clock';

describe('a stream run on the clock it is given', () => {
  test('when time moves, then its snapshot and heartbeat show the elapsed time of that clock, and its end stops it', async () => {
    const clock = new FakeClock(Date.UTC(2026, 5, 1, 12));
    const run = new ActiveRun(['#devops'], 'replica-a:1:x', clock, 'run-1');
    await clock.advance(1500);

    expect(run.snapshot()).toMatchObject({
      startedAt: '2026-06-01T12:00:00.000Z',
      endedAt: null,
      elapsedMs: 1500,
    });
    expect(run.progress()).toMatchObject({ lastHeartbeatAt: '2026-06-01T12:00:01.500Z', elapsedMs: 1500 });
    run.endedMs = clock.now();
    await clock.advance(60_000);
    expect(run.snapshot()).toMatchObject({ endedAt: '2026-06-01T12:00:01.500Z', elapsedMs: 1500 });
  });

  test('when a holder heartbeat is older than the stale time by this clock, then its run is gone, not a millisecond sooner', async () => {
    const clock = new FakeClock(Date.UTC(2026, 5, 1, 12));
    const row = { holder: 'replica-b:1:y', lastHeartbeatAt: '2026-06-01T12:00:00.000Z' } as OpenRun;
    const deps = { holder: 'replica-a:1:x', clock };

    await clock.advance(1000);
    expect(isGone(row, deps, 1000)).toBe(false);
    await clock.advance(1);
    expect(isGone(row, deps, 1000)).toBe(true);
  });
});
