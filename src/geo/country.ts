import { COUNTRY_SIZE, LARGE } from './cities';
import { ALPHA2 } from './country-names';
import { flagCodeOf } from './flags';
import { CODES, NAMES, SUBDIVISION_CODES } from './gazetteer';
import { normalisePlace } from './normalise';
import type { Reading } from './readings';

export { countryName } from './country-names';
export { normalisePlace } from './normalise';

/**
 * Resolves an author's free-text location ("Porto Alegre, RS", "日本", "Bavaria", "🇵🇹") to an ISO
 * 3166-1 alpha-2 code, offline. Each part between separators is read whole (one lookup in tables
 * built at load) as a country in any language, a subdivision's name or code, a region or a city;
 * never as words inside free text, so "the internet", "Earth" or "she/her" stay null. The country
 * read by the most parts wins ("Perth, WA": the city and the state are both Australia's); between
 * equals the last part decides, as a qualifier does ("Paris, Texas"); within a part, the stronger
 * reading, then the larger city. See docs/countries.md for the policy and what is not understood.
 */
const MAX_LOCATION = 200;
const SEPARATORS = /\s*[,|/·•;()]\s*|\s+[-–—]\s+/u;

/** A part written as a code counts only in capitals; subdivision codes only after another part. */
function readingsOfCode(raw: string, afterSeparator: boolean): Reading[] {
  const country = CODES.get(raw) ?? [];
  const subdivision = afterSeparator ? (SUBDIVISION_CODES.get(raw) ?? []) : [];
  return subdivision.length === 0 ? country : [...subdivision, ...country];
}

/** "Makati City", "Lagos State": a generic last word is dropped when the whole names nothing. */
const GENERIC = / (city|state|province|prefecture|region|oblast|county|district|metro|area)$/;

function namedReadings(raw: string): Reading[] | undefined {
  const key = normalisePlace(raw);
  const named = NAMES.get(key);
  if (named || !GENERIC.test(key)) return named;
  return NAMES.get(key.replace(GENERIC, ''));
}

function readingsOf(raw: string, afterSeparator: boolean): Reading[] {
  const named = namedReadings(raw);
  if (raw.length > 4) return named ?? [];
  const coded = readingsOfCode(raw, afterSeparator);
  return named ? [...named, ...coded] : coded;
}

/** "Austin TX", "São Paulo Brasil", "Based in Berlin": a part naming nothing is tried as its last words. */
function splitTail(raw: string): Reading[][] {
  const words = raw.split(/[\s-]+/u);
  for (let size = 1; size <= 3 && size < words.length; size += 1) {
    const tail = readingsOf(words.slice(-size).join(' '), true);
    if (tail.length > 0) return [readingsOf(words.slice(0, -size).join(' '), false), tail];
  }
  return [];
}

function partsOf(text: string): Reading[][] {
  const parts: Reading[][] = [];
  let afterSeparator = false;
  for (const raw of text.split(SEPARATORS)) {
    if (!raw) continue;
    const readings = readingsOf(raw.trim(), afterSeparator);
    afterSeparator = true;
    if (readings.length > 0) parts.push(readings);
    else parts.push(...splitTail(raw.trim()));
  }
  return parts;
}

function stronger(a: Reading, b: Reading): boolean {
  if (a.weight !== b.weight) return a.weight > b.weight;
  // A town below 100,000 does not outweigh a larger country's region of the same name ("Florida").
  const [townA, townB] = [a.population, b.population].map((people) => (people < LARGE ? 0 : people));
  if (townA !== townB) return townA! > townB!;
  return (COUNTRY_SIZE.get(a.country) ?? 0) > (COUNTRY_SIZE.get(b.country) ?? 0);
}

function decide(parts: Reading[][]): string | null {
  const counts = new Map<string, number>();
  for (const readings of parts)
    readings.forEach(({ country }, index) => {
      // A country read twice in one part ("RJ": Rio's code and the state's) counts once.
      if (readings.findIndex((reading) => reading.country === country) === index)
        counts.set(country, (counts.get(country) ?? 0) + 1);
    });
  let most = 0;
  for (const count of counts.values()) most = Math.max(most, count);
  for (let index = parts.length - 1; index >= 0; index -= 1) {
    let best: Reading | null = null;
    for (const reading of parts[index]!)
      if (counts.get(reading.country) === most && (!best || stronger(reading, best))) best = reading;
    if (best) return best.country;
  }
  return null;
}

/** The ISO 3166-1 alpha-2 code a free-text location names, or null when it names none we know. */
export function countryOfLocation(location: string | null | undefined): string | null {
  if (!location) return null;
  const text = location.slice(0, MAX_LOCATION);
  const flag = flagCodeOf(text);
  if (flag && ALPHA2.has(flag)) return flag;
  return decide(partsOf(text));
}

/** A place's country_code when it is a known alpha-2 code, else the author's location resolved. */
export function countryOf(
  placeCode: string | null | undefined,
  location: string | null | undefined,
): string | null {
  const code = placeCode?.trim().toUpperCase();
  if (code && ALPHA2.has(code)) return code;
  return countryOfLocation(location);
}
