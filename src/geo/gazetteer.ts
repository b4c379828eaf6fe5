import { addCities, addCityCodes } from './cities';
import { addCountryCodes, addCountryNames } from './country-names';
import { ReadingTable } from './readings';
import { addSubdivisionCodes, addSubdivisionNames } from './subdivisions';

/**
 * Built once at load, so that resolving a part is one lookup whatever the data's size. NAMES is keyed
 * by normalised name (countries in every locale, subdivisions, regions, cities); CODES and
 * SUBDIVISION_CODES by the part as written, since codes count only in capitals ("PT", not "pt").
 */
function build() {
  const names = new ReadingTable();
  const { largeCities, provinceNames } = addCities(names);
  addCountryNames(names, largeCities);
  addSubdivisionNames(names, provinceNames);
  const codes = new ReadingTable();
  addCountryCodes(codes);
  addCityCodes(codes);
  const subdivisionCodes = new ReadingTable();
  addSubdivisionCodes(subdivisionCodes);
  return { names, codes, subdivisionCodes };
}

export const { names: NAMES, codes: CODES, subdivisionCodes: SUBDIVISION_CODES } = build();
