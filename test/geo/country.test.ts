import { countryName, countryOf, countryOfLocation, normalisePlace } from '../../src/geo/country';
import { LABELLED_LOCATIONS } from './labelled-locations';
import { PROFILE_LOCATIONS } from './profile-locations';

const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Arabic',
  'Hebrew',
  'Devanagari',
  'Bengali',
  'Tamil',
  'Malayalam',
  'Han',
  'Hiragana',
  'Hangul',
  'Thai',
  'Georgian',
  'Armenian',
  'Ethiopic',
  'Khmer',
  'Myanmar',
];
const scriptsOf = (locations: string[]) =>
  SCRIPTS.filter((script) => locations.some((text) => new RegExp(`\\p{Script=${script}}`, 'u').test(text)));

describe('the labelled profile locations', () => {
  const labelled = PROFILE_LOCATIONS;
  const junk = labelled.filter(([, code]) => code === null).map(([location]) => location);

  test('when the set is counted, then it has 1,000 distinct locations, 40 countries, 100 junk and 15 scripts', () => {
    expect(new Set(labelled.map(([location]) => location)).size).toBe(labelled.length);
    expect(labelled.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(labelled.map(([, code]) => code).filter(Boolean)).size).toBeGreaterThanOrEqual(40);
    expect(junk.length).toBeGreaterThanOrEqual(100);
    expect(scriptsOf(labelled.map(([location]) => location)).length).toBeGreaterThanOrEqual(15);
  });

  test('when they are resolved, then at least 98% get their labelled country', () => {
    const wrong = labelled.filter(([location, code]) => countryOfLocation(location) !== code);
    expect(wrong.length / labelled.length).toBeLessThanOrEqual(0.02);
  });

  test('when a junk location is resolved, then at least 99% stay null', () => {
    const named = junk.filter((location) => countryOfLocation(location) !== null);
    expect(named.length / junk.length).toBeLessThanOrEqual(0.01);
  });
});

describe('countryOfLocation', () => {
  test('when the first labelled locations are resolved, then at least 98% get their labelled country', () => {
    expect(LABELLED_LOCATIONS.length).toBeGreaterThanOrEqual(200);
    const wrong = LABELLED_LOCATIONS.filter(([location, code]) => countryOfLocation(location) !== code);
    expect(wrong.length / LABELLED_LOCATIONS.length).toBeLessThanOrEqual(0.02);
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
    ['Porto Alegre, RS', 'BR'],
    ['Curitiba - PR', 'BR'],
    ['Novo Hamburgo, RS', 'BR'],
    ['Perth, WA', 'AU'],
    ['Seattle, WA', 'US'],
    ['Monterrey, NL', 'MX'],
    ['London, ON', 'CA'],
    ['Zagreb, HR', 'HR'],
    ['Polska', 'PL'],
    ['Россия', 'RU'],
    ['中国', 'CN'],
    ['日本', 'JP'],
    ['대한민국', 'KR'],
    ['भारत', 'IN'],
    ['ישראל', 'IL'],
    ['السعودية', 'SA'],
    ['Bavaria', 'DE'],
    ['Rio Grande do Sul', 'BR'],
    ['SF Bay Area', 'US'],
    ['Torino', 'IT'],
    ['Łódź', 'PL'],
    ['Makati City', 'PH'],
    ['Austin TX', 'US'],
    ['Georgia', 'GE'],
    ['Atlanta, Georgia', 'US'],
    ['Florida', 'US'],
    ['LA', 'US'],
    ['IRL', null],
    ['🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}', 'GB'],
    ['she/her', null],
    ['localhost', null],
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
  test('when locations are resolved, then each costs at most 5 normalisations of its text (prebuilt maps, no scanning)', () => {
    const locations = PROFILE_LOCATIONS.map(([location]) => location);
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
    expect(median(resolve) / median(normalise)).toBeLessThan(5);
  });
});
