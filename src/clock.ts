/** A timer started by a `Clock`; `unref` lets the process exit while it waits. */
export interface Timer {
  unref(): unknown;
}

/**
 * Time as the parts that wait or measure see it: the system clock in the service, a clock that tests
 * move by hand. A callback's returned promise is ignored by the system clock; a test clock may await it.
 */
export interface Clock {
  /** milliseconds since the epoch, as Date.now() */
  now(): number;
  setTimeout(callback: () => unknown, ms: number): Timer;
  clearTimeout(timer: Timer | undefined): void;
  setInterval(callback: () => unknown, ms: number): Timer;
  clearInterval(timer: Timer | undefined): void;
}

// The globals are looked up at each call, so Jest's fake timers, installed later, still apply.
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout | undefined),
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (timer) => clearInterval(timer as NodeJS.Timeout | undefined),
};

/** Resolves after `ms` on `clock`. */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}
