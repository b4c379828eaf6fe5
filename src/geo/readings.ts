/**
 * What one part of a location ("Porto Alegre", "RS") can name: a country, each with the weight of
 * the reading (how sure a reader would be) and, for cities, the population that decides between
 * same-named places.
 */
export interface Reading {
  country: string;
  weight: number;
  population: number;
}

export const WEIGHT = {
  countryName: 10,
  otherLanguageName: 9,
  alpha3: 9,
  usOrBrazilStateCode: 8,
  alpha2: 7,
  subdivisionCode: 6,
  subdivisionName: 5,
  /** A city of a million or more is as sure as a region's name: "Santiago" is Chile's, not a Dominican province. */
  largeCity: 5,
  city: 4,
} as const;

/** A table of readings keyed by name, keeping per key and country the strongest reading. */
export class ReadingTable {
  readonly entries = new Map<string, Reading[]>();

  add(key: string, country: string, weight: number, population = 0): void {
    const readings = this.entries.get(key);
    if (!readings) {
      this.entries.set(key, [{ country, weight, population }]);
      return;
    }
    const known = readings.find((reading) => reading.country === country);
    if (!known) readings.push({ country, weight, population });
    else {
      known.weight = Math.max(known.weight, weight);
      known.population = Math.max(known.population, population);
    }
  }

  get(key: string): Reading[] | undefined {
    return this.entries.get(key);
  }
}
