import { waitToResume, watchGate } from '../../src/stream/pause-gate';
import { writeBacklogGate } from '../../src/stream/write-backlog-gate';

describe('the write-backlog gate', () => {
  const writer = { waiting: 0, backlog: () => writer.waiting };
  const CHECK_MS = 5;
  const gate = writeBacklogGate(writer, 100, CHECK_MS);
  /** One check's time passes, and what the check started is done. */
  const tick = () => jest.advanceTimersByTimeAsync(CHECK_MS);
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('when fewer posts than the bound wait, then the run may connect; at the bound it may not', async () => {
    writer.waiting = 99;
    expect(await gate.hasRoom()).toBe(true);
    writer.waiting = 100;
    expect(await gate.hasRoom()).toBe(false);
  });

  test('when the backlog reaches the bound while connected, then the watch fires once and stops', async () => {
    writer.waiting = 10;
    let fired = 0;
    const unwatch = watchGate(gate, () => (fired += 1));
    await tick();
    expect(fired).toBe(0);
    writer.waiting = 100;
    await tick();
    expect(fired).toBe(1);
    expect(jest.getTimerCount()).toBe(0);
    writer.waiting = 150;
    await tick();
    unwatch();
    expect(fired).toBe(1);
  });

  test('when paused, then it waits until fewer than half the bound wait, not just under the bound', async () => {
    writer.waiting = 120;
    let resumed = false;
    const waiting = waitToResume(gate, new AbortController().signal).then(() => (resumed = true));
    writer.waiting = 99;
    await tick();
    expect(resumed).toBe(false);
    writer.waiting = 50;
    await tick();
    expect(resumed).toBe(false);
    writer.waiting = 49;
    await tick();
    expect(resumed).toBe(true);
    await waiting;
    expect(gate.pausedMessage()).toBe(
      'the database is behind the stream (49 posts wait to be written): the stream stays disconnected from X until it catches up',
    );
  });

  test('when the run ends while paused, then the wait ends too', async () => {
    writer.waiting = 500;
    const ending = new AbortController();
    const waiting = waitToResume(gate, ending.signal);
    ending.abort();
    await expect(waiting).resolves.toBeUndefined();
  });
});
