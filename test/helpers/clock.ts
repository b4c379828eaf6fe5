import type { Clock, Timer } from '../../src/clock';

interface Scheduled {
  due: number;
  everyMs: number | undefined;
  callback: () => unknown;
}

/**
 * A clock that moves only when the test says so. `advance` runs each timer that falls due on the way,
 * in time order, with `now()` at its due time, and awaits the promise a callback returns (a lease
 * renewal, a database read), so what a timer started is finished when `advance` resolves. Time does
 * not move by itself: what real time does meanwhile (a query, a notification) sees the same `now()`.
 */
export class FakeClock implements Clock {
  private at: number;
  private nextId = 1;
  private readonly timers = new Map<number, Scheduled>();
  private onSchedule: (() => void) | undefined;

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.at = startMs;
  }

  now(): number {
    return this.at;
  }

  setTimeout(callback: () => unknown, ms: number): Timer {
    return this.schedule(callback, ms, undefined);
  }

  setInterval(callback: () => unknown, ms: number): Timer {
    return this.schedule(callback, ms, Math.max(1, ms));
  }

  clearTimeout(timer: Timer | undefined): void {
    if (timer instanceof FakeTimer) this.timers.delete(timer.id);
  }

  clearInterval(timer: Timer | undefined): void {
    this.clearTimeout(timer);
  }

  /** Timers waiting, for a test that a part stopped its own. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, running and awaiting each timer due meanwhile. */
  async advance(ms: number): Promise<void> {
    const until = this.at + ms;
    for (let next = this.nextDue(until); next; next = this.nextDue(until)) {
      const [id, timer] = next;
      this.at = Math.max(this.at, timer.due);
      if (timer.everyMs === undefined) this.timers.delete(id);
      else timer.due += timer.everyMs;
      // A callback that waits on this clock itself is awaited only until it sets its timer.
      const scheduled = new Promise<void>((resolve) => (this.onSchedule = resolve));
      await Promise.race([timer.callback(), scheduled]);
      this.onSchedule = undefined;
    }
    this.at = until;
  }

  private schedule(callback: () => unknown, ms: number, everyMs: number | undefined): Timer {
    const id = this.nextId++;
    this.timers.set(id, { due: this.at + Math.max(0, ms), everyMs, callback });
    this.onSchedule?.();
    return new FakeTimer(id);
  }

  private nextDue(until: number): [number, Scheduled] | undefined {
    let first: [number, Scheduled] | undefined;
    for (const entry of this.timers) {
      if (entry[1].due <= until && (!first || entry[1].due < first[1].due)) first = entry;
    }
    return first;
  }
}

class FakeTimer implements Timer {
  constructor(readonly id: number) {}

  unref(): this {
    return this;
  }
}
