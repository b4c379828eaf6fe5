import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import countries from 'i18n-iso-countries';
import type en from 'i18n-iso-countries/langs/en.json';
import { COUNTRY_ALIASES } from './aliases';
import { normalisePlace } from './normalise';
import { WEIGHT, type ReadingTable } from './readings';

type Locale = typeof en;

/** Every locale i18n-iso-countries ships (78): country names in their own language and script. */
function allLocales(): Locale[] {
  const folder = dirname(require.resolve('i18n-iso-countries/langs/en.json'));
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(join(folder, file), 'utf8')) as Locale);
}

const LOCALES = allLocales();
LOCALES.forEach((locale) => countries.registerLocale(locale));

/** Names in other languages that are English words a location may be: "Island" is Iceland in Danish. */
const ENGLISH_WORDS = new Set(['island', 'toga', 'benign', 'pole', 'chili', 'bara', 'mena', 'pala', 'gres']);

/** Latin keys shorter than four letters are words or codes ("us", "in", "man"), not names. */
const tooShort = (key: string) => (/^[a-z0-9 ]+$/.test(key) ? key.length < 4 : key.length < 2);

/**
 * English names and the aliases read as countries; a name in another language only where no large
 * city of another country is spelt the same ("Granada" is Spain's city, not Spanish for Grenada).
 */
export function addCountryNames(table: ReadingTable, largeCities: Map<string, string>): void {
  for (const locale of LOCALES) {
    const weight = locale.locale === 'en' ? WEIGHT.countryName : WEIGHT.otherLanguageName;
    for (const [code, list] of Object.entries(countries.getNames(locale.locale, { select: 'all' }))) {
      for (const name of list) {
        const key = normalisePlace(name);
        const city = largeCities.get(key);
        if (tooShort(key)) continue;
        if (weight < WEIGHT.countryName && ((city && city !== code) || ENGLISH_WORDS.has(key))) continue;
        table.add(key, code, weight);
      }
    }
  }
  for (const [name, code] of Object.entries(COUNTRY_ALIASES))
    table.add(normalisePlace(name), code, WEIGHT.countryName);
}

export const ALPHA2 = new Set(Object.keys(countries.getAlpha2Codes()));

/** Alpha-3 codes people write as words: IRL is "in real life" far more often than Ireland. */
const WORDS_IN_CAPITALS = new Set(['IRL']);

/** Codes written in capitals: PT, BR (alpha-2), PRT, USA (alpha-3). */
export function addCountryCodes(codes: ReadingTable): void {
  for (const code of ALPHA2) codes.add(code, code, WEIGHT.alpha2);
  for (const [alpha3, alpha2] of Object.entries(countries.getAlpha3Codes()))
    if (!WORDS_IN_CAPITALS.has(alpha3)) codes.add(alpha3, alpha2, WEIGHT.alpha3);
}

/** The English name of a code, for `country_name`. */
export function countryName(code: string | null): string | null {
  return code ? (countries.getName(code, 'en') ?? null) : null;
}
