import { countryName, countryOf, countryOfLocation } from '../../src/geo/country';
import { LABELLED_LOCATIONS } from './labelled-locations';

describe('countryOfLocation', () => {
  test('when the labelled locations are resolved, then at least 90% get their labelled country', () => {
    expect(LABELLED_LOCATIONS.length).toBeGreaterThanOrEqual(200);
    const wrong = LABELLED_LOCATIONS.filter(([location, code]) => countryOfLocation(location) !== code);
    expect(wrong.length / LABELLED_LOCATIONS.length).toBeLessThanOrEqual(0.1);
  });

  test('when a location is junk, then it never resolves to a country', () => {
    const junk = LABELLED_LOCATIONS.filter(([, code]) => code === null).map(([location]) => location);
    expect(junk.length).toBeGreaterThanOrEqual(30);
    expect(junk.map((location) => [location, countryOfLocation(location)])).toEqual(
      junk.map((location) => [location, null]),
    );
  });

  test.each([
    ['Austin, TX', 'US'],
    ['Paris, Texas', 'US'],
    ['São Paulo, Brasil', 'BR'],
    ['🇵🇹', 'PT'],
    ['London', 'GB'],
    ['Lisbon, Portugal', 'PT'],
    ['🇿🇿', null],
    ['us', null],
    [null, null],
  ])('when the location is %j, then the country is %j', (location, code) => {
    expect(countryOfLocation(location)).toBe(code);
  });

  test('when a location is 10,000 characters long, then only its first 200 are read and it names nothing', () => {
    expect(countryOfLocation(`Lisbon${'x'.repeat(10_000)}`)).toBeNull();
    expect(countryOfLocation(`${'x'.repeat(200)}, Portugal`)).toBeNull();
  });

  test('when a place has a country code, then it wins over the location, and an unknown code does not', () => {
    expect(countryOf('pt', 'Berlin')).toBe('PT');
    expect(countryOf('XX', 'Berlin')).toBe('DE');
    expect(countryOf(undefined, undefined)).toBeNull();
  });

  test('when a code is named, then its English name is given', () => {
    expect([countryName('PT'), countryName('US'), countryName(null)]).toEqual([
      'Portugal',
      'United States of America',
      null,
    ]);
  });

  test('when 100,000 locations are resolved, then it takes under a second (prebuilt maps, no scanning)', () => {
    const locations = LABELLED_LOCATIONS.map(([location]) => location);
    const started = performance.now();
    for (let i = 0; i < 100_000; i += 1) countryOfLocation(locations[i % locations.length]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
