import { QUARTER_HOUR_SECONDS } from '../../repositories/counters';

/**
 * The buckets of `/tweets_over_time`: local hours or local days of a time zone (a canonical name, see
 * canonicalZone in hours.ts), counted from the 15-minute counters. Every zone's offset is a whole number
 * of quarter hours, so each counter bucket lies inside one local hour and one local day.
 */
export type Interval = 'hour' | 'day';

export const MAX_BUCKETS = 1000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const QUARTER_MS = QUARTER_HOUR_SECONDS * 1000;

const partFormatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per canonical zone (a fixed set, see hours.ts), so no request grows this map. */
function partsOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (negative west of Greenwich). */
export function offsetMs(timeZone: string, instant: number): number {
  if (timeZone === 'UTC') return 0;
  const parts = Object.fromEntries(
    partsOf(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, Number(part.value)]),
  );
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The instant a wall-clock time (given as if it were UTC) happens in the zone; in a DST gap, just after. */
export function wallToInstant(timeZone: string, wall: number): number {
  const guess = wall - offsetMs(timeZone, wall);
  return wall - offsetMs(timeZone, guess);
}

/** The buckets of a range: the first (an instant for hours, a wall-clock midnight for days) and how many. */
export interface BucketRange {
  interval: Interval;
  timeZone: string;
  first: number;
  count: number;
}

const floorTo = (value: number, step: number) => value - (((value % step) + step) % step);

/**
 * The buckets from the one holding `from` to the one holding the last instant before `to`, found with
 * one or two offset look-ups, so a cache key costs no walk over the days.
 */
export function bucketRange(range: {
  from: number;
  to: number;
  interval: Interval;
  timeZone: string;
}): BucketRange | 'too many' {
  const { from, to, interval, timeZone } = range;
  const wallOf = (instant: number) => instant + offsetMs(timeZone, instant);
  let first: number;
  let last: number;
  if (interval === 'hour') {
    // Real hours: a DST fall-back gives its repeated local hour twice, as it happened.
    const wall = wallOf(from);
    first = from - (wall - floorTo(wall, HOUR_MS));
    last = to - 1;
  } else {
    first = floorTo(wallOf(from), DAY_MS);
    last = floorTo(wallOf(to - 1), DAY_MS);
  }
  const step = interval === 'hour' ? HOUR_MS : DAY_MS;
  const count = Math.max(1, Math.floor((last - first) / step) + 1);
  return count > MAX_BUCKETS ? 'too many' : { interval, timeZone, first, count };
}

/** Starts of the buckets of a range, and the end of the last. */
export function bucketStarts(range: BucketRange): { starts: number[]; end: number } {
  const { interval, timeZone, first, count } = range;
  const startOf = (index: number) =>
    interval === 'hour' ? first + index * HOUR_MS : wallToInstant(timeZone, first + index * DAY_MS);
  return { starts: Array.from({ length: count }, (_, index) => startOf(index)), end: startOf(count) };
}

/** Adds each quarter-hour count to the bucket it falls in (buckets ascending, counts in [starts[0], end)). */
export function countPerBucket(starts: number[], quarters: { bucket: number; posts: number }[]): number[] {
  const counts = new Array<number>(starts.length).fill(0);
  for (const { bucket, posts } of quarters) {
    const at = bucket * QUARTER_MS;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= at) low = middle;
      else high = middle - 1;
    }
    counts[low]! += posts;
  }
  return counts;
}

/** `2026-11-29T00:00:00+05:45`: the bucket's start on the zone's wall clock, with its offset. */
export function localIso(timeZone: string, instant: number): string {
  const offset = offsetMs(timeZone, instant);
  const wall = new Date(instant + offset).toISOString().slice(0, 19);
  const minutes = Math.abs(offset) / 60_000;
  const sign = offset < 0 ? '-' : '+';
  return `${wall}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A `from`/`to` value: a date (midnight in the zone) or a date-time with Z or an offset. */
export function instantOf(value: string, timeZone: string): number {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (date) return wallToInstant(timeZone, Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])));
  return Date.parse(value);
}
