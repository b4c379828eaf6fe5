import { countryName, countryOf, countryOfLocation, normalisePlace } from '../../src/geo/country';
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

  // A ratio measured in this run, not a time: resolving costs a few normalisations of the text (map
  // lookups per part), where scanning thousands of gazetteer names per location would cost thousands.
  test('when locations are resolved, then each costs at most 25 normalisations of its text (prebuilt maps, no scanning)', () => {
    const locations = LABELLED_LOCATIONS.map(([location]) => location ?? '');
    const timed = (work: (location: string) => unknown) => {
      const started = performance.now();
      for (let i = 0; i < 20_000; i += 1) work(locations[i % locations.length]!);
      return performance.now() - started;
    };
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const resolve: number[] = [];
    const normalise: number[] = [];
    for (let round = 0; round < 7; round += 1) {
      resolve.push(timed(countryOfLocation));
      normalise.push(timed(normalisePlace));
    }
    expect(median(resolve) / median(normalise)).toBeLessThan(25);
  });
});
