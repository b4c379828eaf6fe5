import { COUNTRY_SIZE, LARGE } from './cities';
import { ALPHA2 } from './country-names';
import { flagCodeOf } from './flags';
import { partsOf } from './parts';
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

/** A town below 100,000 does not outweigh a larger country's region of the same name ("Florida"). */
const sizable = (people: number) => (people < LARGE ? 0 : people);

function stronger(a: Reading, b: Reading): boolean {
  if (a.weight !== b.weight) return a.weight > b.weight;
  if (sizable(a.population) !== sizable(b.population)) return sizable(a.population) > sizable(b.population);
  return (COUNTRY_SIZE.get(a.country) ?? 0) > (COUNTRY_SIZE.get(b.country) ?? 0);
}

/** How many parts read each country; a country read twice in one part ("RJ": city and state) counts once. */
function countsOf(parts: Reading[][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const readings of parts)
    for (let index = 0; index < readings.length; index += 1) {
      const { country } = readings[index]!;
      if (readings.findIndex((reading) => reading.country === country) === index)
        counts.set(country, (counts.get(country) ?? 0) + 1);
    }
  return counts;
}

function strongest(readings: Reading[], counts?: Map<string, number>, most?: number): Reading | null {
  let best: Reading | null = null;
  for (const reading of readings)
    if ((!counts || counts.get(reading.country) === most) && (!best || stronger(reading, best)))
      best = reading;
  return best;
}

function decide(parts: Reading[][]): string | null {
  if (parts.length <= 1) return parts[0] ? (strongest(parts[0])?.country ?? null) : null;
  const counts = countsOf(parts);
  let most = 0;
  for (const count of counts.values()) most = Math.max(most, count);
  for (let index = parts.length - 1; index >= 0; index -= 1) {
    const best = strongest(parts[index]!, counts, most);
    if (best) return best.country;
  }
  return null;
}

/** The ISO 3166-1 alpha-2 code a free-text location names, or null when it names none we know. */
export function countryOfLocation(location: string | null | undefined): string | null {
  if (!location) return null;
  const text = location.slice(0, MAX_LOCATION);
  // Flags are astral symbols: only text with a surrogate pair is searched for one.
  const flag = /[\uD83C]/.test(text) ? flagCodeOf(text) : null;
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
