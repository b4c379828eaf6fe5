/**
 * Time zones are looked up, never created from what a client sends: an `Intl.DateTimeFormat` costs
 * about 30 KB of native memory, outside V8's heap limit, so one per spelling (`america/sao_PAULO`,
 * `AMERICA/sao_paulo`, ...) grew the process without bound. Every cache here is keyed by the
 * canonical name, and the set of canonical names is the runtime's own, fixed at start.
 */
const canonicalByLowerCase = new Map<string, string>(
  [...Intl.supportedValuesOf('timeZone'), 'UTC'].map((zone) => [zone.toLowerCase(), zone]),
);
const canonicalZones = new Set(canonicalByLowerCase.values());
/** aliases (`Asia/Kolkata` where the runtime lists `Asia/Calcutta`, `US/Eastern`), bounded by ICU's own names */
const aliases = new Map<string, string>();
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The longest IANA name is 32 characters; anything much longer is not one. */
export const MAX_ZONE_LENGTH = 64;

/**
 * The runtime's canonical name for an IANA zone given in any letter case, or undefined when the zone
 * is unknown. An alias (a link in the IANA database) is accepted under the name the runtime resolves
 * it to: a listed zone on Node 20; newer engines may keep the alias's own name, which is then its key.
 * Either way the keys are names ICU knows, a fixed set of about 600; offsets such as `+05:30`, which
 * newer engines also accept, are refused.
 */
export function canonicalZone(given: string): string | undefined {
  if (given.length > MAX_ZONE_LENGTH) return undefined;
  const key = given.toLowerCase();
  const known = canonicalByLowerCase.get(key) ?? aliases.get(key);
  if (known) return known;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: given }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  const canonical = canonicalByLowerCase.get(resolved.toLowerCase()) ?? resolved;
  if (!canonicalZones.has(canonical) && !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(canonical))
    return undefined;
  // Keyed by the lower-cased spelling, so the map holds at most one entry per name ICU knows.
  aliases.set(key, canonical);
  return canonical;
}

function zoneFormatter(canonical: string): Intl.DateTimeFormat {
  let formatter = formatters.get(canonical);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: canonical, hour: 'numeric', hourCycle: 'h23' });
    formatters.set(canonical, formatter);
  }
  return formatter;
}

/**
 * Posts by hour of day in a zone (a canonical name, see canonicalZone). Each count covers a 15-minute
 * bucket, and every zone's offset from UTC (DST included) is a whole number of quarter hours, so a
 * bucket lies within one local hour.
 */
export function countByLocalHour(buckets: { startMs: number; posts: number }[], timeZone: string): number[] {
  const hours = new Array<number>(24).fill(0);
  const formatter = timeZone === 'UTC' ? undefined : zoneFormatter(timeZone);
  for (const bucket of buckets) {
    const hour = formatter
      ? Number(formatter.format(bucket.startMs))
      : new Date(bucket.startMs).getUTCHours();
    hours[hour % 24]! += bucket.posts;
  }
  return hours;
}

export const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;
