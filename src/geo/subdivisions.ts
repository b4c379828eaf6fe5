import { data as iso31662 } from 'iso-3166-2';
import provinces from 'provinces/provinces.json';
import { REGION_ALIASES } from './aliases';
import { normalisePlace } from './normalise';
import { WEIGHT, type ReadingTable } from './readings';

/** Countries whose people write a subdivision's code after a city: "Austin, TX", "Porto Alegre, RS". */
const CODE_COUNTRIES = ['US', 'BR', 'CA', 'AU', 'MX', 'IN'];
/** Read before a country's own code when no other part decides ("Novo Hamburgo, RS" is Brazil). */
const FIRST_READ = new Set(['US', 'BR']);
/** US territories that have their own ISO 3166-1 code: PR is Puerto Rico, not a US state. */
const OWN_COUNTRY = new Set(['US-PR', 'US-VI', 'US-GU', 'US-AS', 'US-MP', 'US-UM']);

/** Second-level and local units: names of districts and boroughs that readers do not take for places. */
const LOCAL_TYPES =
  /district|municipality|commune|rayon|parish|local council|quarter|popularate|borough|unitary|council area|two-tier|county right|atoll|division|city corporation|ward/i;

/** "Asturias, Principado de" is also "Principado de Asturias" and "Asturias"; a * or [ ] marks a variant. */
function spellings(name: string): string[] {
  const variants = name
    .replace(/\*/g, '')
    .split(/\s*[[\]]\s*/)
    .filter(Boolean);
  return variants.flatMap((variant) => {
    const [head, tail] = variant.split(/,\s*/);
    return tail ? [head!, `${tail} ${head}`] : [variant];
  });
}

interface Province {
  name: string;
  country: string;
  short?: string;
  alt?: string[];
}

export function addSubdivisionNames(table: ReadingTable, provinceNames: Iterable<[string, string]>): void {
  for (const [country, { sub }] of Object.entries(iso31662))
    for (const { type, name } of Object.values(sub))
      if (!LOCAL_TYPES.test(type))
        for (const spelling of spellings(name))
          table.add(normalisePlace(spelling), country, WEIGHT.subdivisionName);
  for (const { name, country, alt } of provinces as Province[])
    for (const spelling of [name, ...(alt ?? [])].filter((text) => text.length > 4))
      table.add(normalisePlace(spelling), country, WEIGHT.subdivisionName);
  for (const [name, country] of provinceNames)
    table.add(normalisePlace(name), country, WEIGHT.subdivisionName);
  for (const [name, country] of Object.entries(REGION_ALIASES))
    table.add(normalisePlace(name), country, WEIGHT.subdivisionName);
}

/** Codes as written after a separator: ISO 3166-2 (BR-RS is RS) and customary ones ("NL", "Jal" in Mexico). */
export function addSubdivisionCodes(codes: ReadingTable): void {
  const weightOf = (country: string) =>
    FIRST_READ.has(country) ? WEIGHT.usOrBrazilStateCode : WEIGHT.subdivisionCode;
  for (const country of CODE_COUNTRIES)
    for (const code of Object.keys(iso31662[country]?.sub ?? {}))
      if (!OWN_COUNTRY.has(code)) codes.add(code.slice(3), country, weightOf(country));
  for (const { country, short, alt } of provinces as Province[])
    if (CODE_COUNTRIES.includes(country))
      for (const code of [short, ...(alt ?? [])])
        if (code && code.length <= 4 && !/\s/.test(code)) codes.add(code, country, weightOf(country));
}
