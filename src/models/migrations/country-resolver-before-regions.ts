/**
 * The country resolver as it was before it read state codes, regions and names in every language,
 * kept unchanged for the migration that re-resolves stored posts: a stored code is replaced only
 * where this reading of the author's location gave it (so a place's own code is never overwritten).
 */
import cities from 'city-timezones/data/cityMap.json';
import countries from 'i18n-iso-countries';
import de from 'i18n-iso-countries/langs/de.json';
import en from 'i18n-iso-countries/langs/en.json';
import es from 'i18n-iso-countries/langs/es.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import it from 'i18n-iso-countries/langs/it.json';
import nl from 'i18n-iso-countries/langs/nl.json';
import pt from 'i18n-iso-countries/langs/pt.json';

/*
 * Resolves an author's free-text location ("Lisbon", "Austin, TX", "São Paulo, Brasil", "🇵🇹") to an
 * ISO 3166-1 alpha-2 code, offline. Every table is a Map built once at load, so resolving costs a few
 * lookups whatever the gazetteer's size. Only whole comma-separated parts are matched, never words
 * inside free text: "the cloud", "Earth" or "she/her" match no name and stay null.
 */
const LOCALES = [en, pt, es, de, fr, it, nl];
LOCALES.forEach((locale) => countries.registerLocale(locale));

/** Lower case, accents dropped, dots removed (U.S.A. is usa), other punctuation as spaces. */
function normalisePlace(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Names people write that the locale lists lack; the UK's nations are its parts. */
const EXTRA_NAMES: Record<string, string> = {
  uk: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  'great britain': 'GB',
  britain: 'GB',
  holland: 'NL',
  usa: 'US',
  'estados unidos': 'US',
  eeuu: 'US',
  eua: 'US',
  'south korea': 'KR',
  korea: 'KR',
  russia: 'RU',
  'czech republic': 'CZ',
  turkey: 'TR',
  uae: 'AE',
  emirates: 'AE',
  'hong kong': 'HK',
  taiwan: 'TW',
  vietnam: 'VN',
  'ivory coast': 'CI',
  'etats unis': 'US',
};

/** Local and short spellings of big cities that the city list writes only in English. */
const EXTRA_CITIES: Record<string, string> = {
  lisboa: 'PT',
  munchen: 'DE',
  koln: 'DE',
  sevilla: 'ES',
  roma: 'IT',
  napoli: 'IT',
  firenze: 'IT',
  'tel aviv': 'IL',
  bengaluru: 'IN',
  bangalore: 'IN',
  nyc: 'US',
  'santiago de chile': 'CL',
  cdmx: 'MX',
  'ciudad de mexico': 'MX',
  bruxelles: 'BE',
  wien: 'AT',
  praha: 'CZ',
  warszawa: 'PL',
  kobenhavn: 'DK',
  東京: 'JP',
  大阪: 'JP',
  北京: 'CN',
  上海: 'CN',
  서울: 'KR',
  москва: 'RU',
};

function buildCountryNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const { locale } of LOCALES) {
    for (const [code, list] of Object.entries(countries.getNames(locale, { select: 'all' }))) {
      for (const name of list) {
        const key = normalisePlace(name);
        // Two letters are codes, matched only as written in capitals (see codeOf); "us", "in" are words.
        if (key.length > 2 && !names.has(key)) names.set(key, code);
      }
    }
  }
  for (const [name, code] of Object.entries(EXTRA_NAMES)) names.set(name, code);
  return names;
}

interface City {
  city: string;
  city_ascii: string;
  pop: number;
  iso2: string;
  province?: string;
  state_ansi?: string;
}

/** The most populous city of each name wins: "London" is London, GB, not London, Ontario. */
function buildCityNames(): { cities: Map<string, string>; usStates: Map<string, string> } {
  const best = new Map<string, { code: string; pop: number }>();
  const usStates = new Map<string, string>();
  for (const city of cities as City[]) {
    for (const name of [city.city, city.city_ascii]) {
      const key = normalisePlace(name);
      const known = best.get(key);
      if (key.length > 2 && (!known || known.pop < city.pop))
        best.set(key, { code: city.iso2, pop: city.pop });
    }
    if (city.iso2 === 'US' && city.state_ansi && city.province) {
      usStates.set(city.state_ansi, 'US');
      usStates.set(normalisePlace(city.province), 'US');
    }
  }
  const names = new Map([...best].map(([name, { code }]) => [name, code]));
  for (const [name, code] of Object.entries(EXTRA_CITIES)) names.set(name, code);
  return { cities: names, usStates };
}

const COUNTRY_NAMES = buildCountryNames();
const { cities: CITY_NAMES, usStates: US_STATES } = buildCityNames();
const ALPHA2 = new Set(Object.keys(countries.getAlpha2Codes()));

/** 🇵🇹 is two regional indicator symbols, one per letter of the code. */
function flagOf(text: string): string | null {
  const match = /([\u{1F1E6}-\u{1F1FF}])([\u{1F1E6}-\u{1F1FF}])/u.exec(text);
  if (!match) return null;
  const letter = (symbol: string) => String.fromCharCode(symbol.codePointAt(0)! - 0x1f1e6 + 65);
  const code = letter(match[1]!) + letter(match[2]!);
  return ALPHA2.has(code) ? code : null;
}

/** A part written as a code: PT, BR (alpha-2 in capitals) or PRT (alpha-3); TX, CA after a comma are US states. */
function codeOf(part: string, afterComma: boolean): string | null {
  if (afterComma && US_STATES.has(part)) return 'US';
  if (/^[A-Z]{2}$/.test(part) && ALPHA2.has(part)) return part;
  if (/^[A-Z]{3}$/.test(part)) return countries.alpha3ToAlpha2(part) ?? null;
  return null;
}

function regionOf(part: string, afterComma: boolean): string | null {
  const key = normalisePlace(part);
  return codeOf(part, afterComma) ?? COUNTRY_NAMES.get(key) ?? US_STATES.get(key) ?? null;
}

const MAX_LOCATION = 200;

/** The ISO 3166-1 alpha-2 code a free-text location names, or null when it names none we know. */
export function countryOfLocationBefore(location: string | null | undefined): string | null {
  if (!location) return null;
  const text = location.slice(0, MAX_LOCATION);
  const flag = flagOf(text);
  if (flag) return flag;
  const parts = text
    .split(/\s*[,|/·•;()]\s*|\s+-\s+/u)
    .map((part) => part.trim())
    .filter(Boolean);
  // A country or state named anywhere beats a city ("Paris, Texas"); the last part first.
  for (let index = parts.length - 1; index >= 0; index -= 1) {
    const code = regionOf(parts[index]!, index > 0);
    if (code) return code;
  }
  for (const part of parts) {
    const code = CITY_NAMES.get(normalisePlace(part));
    if (code) return code;
  }
  return null;
}
