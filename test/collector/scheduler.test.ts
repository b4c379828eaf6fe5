import { scheduleCollections } from '../../src/collector/scheduler';
import type { Collector } from '../../src/collector/collector';
import type { RunTrigger } from '../../src/collector/summary';
import { captureLogger } from '../helpers/app';
import { FakeClock } from '../helpers/clock';

function fakeCollector(result: () => Promise<never> | Promise<unknown> = () => Promise.resolve({})) {
  const triggers: RunTrigger[] = [];
  const collector = {
    run: (trigger: RunTrigger) => (triggers.push(trigger), result()),
    isRunning: () => false,
    stop: () => Promise.resolve(),
  } as unknown as Collector;
  return { collector, triggers };
}

describe('scheduled collections', () => {
  let clock: FakeClock;
  beforeEach(() => (clock = new FakeClock()));

  test('when COLLECT_INTERVAL_MINUTES is 15, then a collection starts every 15 minutes until stopped', async () => {
    const { collector, triggers } = fakeCollector();
    const schedule = scheduleCollections(collector, 15, captureLogger().logger, undefined, clock);

    await clock.advance(14 * 60_000);
    expect(triggers).toEqual([]);
    await clock.advance(31 * 60_000);
    expect(triggers).toEqual(['schedule', 'schedule', 'schedule']);
    schedule.stop();
    expect(clock.pending).toBe(0);
    await clock.advance(60 * 60_000);
    expect(triggers).toHaveLength(3);
  });

  test('when COLLECT_INTERVAL_MINUTES is 0, then nothing is scheduled', async () => {
    const { collector, triggers } = fakeCollector();
    scheduleCollections(collector, 0, captureLogger().logger, undefined, clock);

    await clock.advance(7 * 24 * 60 * 60_000);
    expect(triggers).toEqual([]);
  });

  test('when a scheduled collection throws, then it is logged and the schedule goes on', async () => {
    const { logger, logs } = captureLogger();
    const { collector, triggers } = fakeCollector(() => Promise.reject(new Error('disk full')));
    const schedule = scheduleCollections(collector, 1, logger, undefined, clock);

    await clock.advance(2 * 60_000);

    expect(triggers).toEqual(['schedule', 'schedule']);
    expect(
      logs.filter((line) => line['event.action'] === 'collection.error').map((line) => line['error.message']),
    ).toEqual(['disk full', 'disk full']);
    schedule.stop();
  });

  test('when this replica does not hold the collector lease, then its schedule runs nothing until it does', async () => {
    const { collector, triggers } = fakeCollector();
    let leader = false;
    const schedule = scheduleCollections(collector, 15, captureLogger().logger, () => leader, clock);

    await clock.advance(45 * 60_000);
    expect(triggers).toEqual([]);
    leader = true;
    await clock.advance(15 * 60_000);
    expect(triggers).toEqual(['schedule']);
    schedule.stop();
  });
});
