const formatters = new Map<string, Intl.DateTimeFormat>();

/** The formatter for an IANA zone, or undefined when the runtime does not know the zone. */
export function zoneFormatter(timeZone: string): Intl.DateTimeFormat | undefined {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  try {
    const formatter = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' });
    formatters.set(timeZone, formatter);
    return formatter;
  } catch {
    return undefined;
  }
}

/**
 * Posts by hour of day in a zone. Each count covers a 15-minute bucket, and every zone's offset from
 * UTC (DST included) is a whole number of quarter hours, so a bucket lies within one local hour.
 */
export function countByLocalHour(buckets: { startMs: number; posts: number }[], timeZone: string): number[] {
  const hours = new Array<number>(24).fill(0);
  const utc = timeZone === 'UTC';
  const formatter = utc ? undefined : zoneFormatter(timeZone)!;
  for (const bucket of buckets) {
    const hour = formatter
      ? Number(formatter.format(bucket.startMs))
      : new Date(bucket.startMs).getUTCHours();
    hours[hour % 24]! += bucket.posts;
  }
  return hours;
}

export const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;
