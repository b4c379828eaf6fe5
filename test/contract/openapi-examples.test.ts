import { join } from 'node:path';
import { loadCorpus } from '../../src/x/corpus';
import { createSampleSource } from '../../src/collector/sources/sample-source';
import { EXAMPLES } from '../../src/resources/openapi/examples';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app';

const SAMPLE = join(__dirname, '..', '..', 'data', 'sample', 'synthetic-recent-search.json');
// Different on every call.
const VOLATILE = new Set(['instance', 'run_id', 'started_at', 'finished_at', 'duration_ms']);

/**
 * The differences between an example and a real answer, where the example may cut lists short and
 * leave out entries of maps; an empty list means the example is a faithful excerpt.
 */
function excerptDifferences(example: unknown, actual: unknown, at = '$'): string[] {
  if (Array.isArray(example)) {
    if (!Array.isArray(actual) || example.length > actual.length)
      return [`${at}: not a prefix of ${JSON.stringify(actual)}`];
    return example.flatMap((item, index) => excerptDifferences(item, actual[index], `${at}[${index}]`));
  }
  if (example !== null && typeof example === 'object') {
    if (actual === null || typeof actual !== 'object')
      return [`${at}: ${JSON.stringify(actual)} is not an object`];
    return Object.entries(example).flatMap(([key, value]) =>
      VOLATILE.has(key)
        ? []
        : excerptDifferences(value, (actual as Record<string, unknown>)[key], `${at}.${key}`),
    );
  }
  return Object.is(example, actual)
    ? []
    : [`${at}: example ${JSON.stringify(example)}, answer ${JSON.stringify(actual)}`];
}

describe('the examples of the OpenAPI description', () => {
  let app: TestApp;
  beforeAll(async () => {
    // One tag at a time: a post under two tags is new under the first, whatever the database's timing.
    app = await buildTestApp({
      source: createSampleSource(loadCorpus(SAMPLE)),
      env: { COLLECT_CONCURRENCY: '1' },
    });
  });
  afterAll(() => app.close());

  test('when the app collects the sample for the first time, then the 200 of GET /database is the example', async () => {
    const res = await app.api.get('/database').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);

    expect(excerptDifferences(EXAMPLES.restored, res.body)).toEqual([]);
  });

  test.each([
    ['/tweets?limit=2', EXAMPLES.tweets],
    ['/tweets?order_by_followers_desc=2', EXAMPLES.authors],
    ['/tweets_per_hour', EXAMPLES.perHour],
    ['/tweets_per_tag', EXAMPLES.perTag],
    ['/tweets_per_country', EXAMPLES.perCountry],
    ['/tweets_per_language', EXAMPLES.perLanguage],
    ['/tweets_per_language?tag=devops', EXAMPLES.perLanguageOfTag],
    ['/tweets_over_time?interval=day&from=2026-11-14&to=2026-11-21&tz=Asia/Kathmandu', EXAMPLES.overTime],
    ['/tweets_over_time?from=2020-01-01', EXAMPLES.tooManyBuckets],
    ['/tweets?q=supervision&lang=fr&limit=1', EXAMPLES.search],
    ['/tweets?limit=0', EXAMPLES.badLimit],
    ['/tweets_per_hour?tz=Mars/Olympus', EXAMPLES.badZone],
    ['/database', EXAMPLES.unauthorized],
  ])('when GET %s is asked on the sample, then the answer is its example', async (path, example) => {
    const res = await app.api.get(path);

    expect(excerptDifferences(example, res.body)).toEqual([]);
  });

  test('when the database is dropped, then the answer is its example', async () => {
    const res = await app.api.delete('/database').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);

    expect(res.body).toEqual(EXAMPLES.dropped);
  });
});
