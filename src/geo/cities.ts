import cities from 'city-timezones/data/cityMap.json';
import { CAPITAL_CITY_CODES, CITY_ALIASES } from './aliases';
import { normalisePlace } from './normalise';
import { WEIGHT, type ReadingTable } from './readings';

interface City {
  city: string;
  city_ascii: string;
  pop: number;
  iso2: string;
  province?: string;
}

/** A name the aliases give a country is that country's, whatever smaller place elsewhere shares it. */
const KNOWN = Number.MAX_SAFE_INTEGER;
export const LARGE = 100_000;

/** The people of a country's listed cities: between two equal readings the larger country wins ("Florida"). */
export const COUNTRY_SIZE = new Map<string, number>();

/**
 * Every spelling of every city, with its population: of same-named places the larger wins unless
 * another part of the location qualifies it ("London" is GB, "London, ON" Canada).
 */
export function addCities(table: ReadingTable): {
  largeCities: Map<string, string>;
  provinceNames: Map<string, string>;
} {
  const largeCities = new Map<string, { country: string; population: number }>();
  const provinceNames = new Map<string, string>();
  for (const city of cities as City[]) {
    COUNTRY_SIZE.set(city.iso2, (COUNTRY_SIZE.get(city.iso2) ?? 0) + city.pop);
    for (const name of new Set([city.city, city.city_ascii])) {
      const key = normalisePlace(name);
      if (key.length < 3) continue;
      table.add(key, city.iso2, city.pop >= 1_000_000 ? WEIGHT.largeCity : WEIGHT.city, city.pop);
      const large = largeCities.get(key);
      if (city.pop >= LARGE && (!large || large.population < city.pop))
        largeCities.set(key, { country: city.iso2, population: city.pop });
    }
    if (city.province) provinceNames.set(city.province, city.iso2);
  }
  for (const [name, country] of Object.entries(CITY_ALIASES))
    table.add(normalisePlace(name), country, WEIGHT.largeCity, KNOWN);
  return {
    largeCities: new Map([...largeCities].map(([key, { country }]) => [key, country])),
    provinceNames,
  };
}

/** "LA" alone is Los Angeles, not Laos: read as surely as an alpha-3 code. */
export function addCityCodes(codes: ReadingTable): void {
  for (const [code, country] of Object.entries(CAPITAL_CITY_CODES))
    codes.add(code, country, WEIGHT.alpha3, KNOWN);
}
