import { join } from 'node:path';
import { loadCorpus } from '../../src/x/corpus';
import { createSampleSource } from '../../src/collector/sources/sample-source';
import { SAMPLE_ANSWERS } from '../../src/resources';
import { EXAMPLES as DATABASE } from '../../src/resources/database/contract';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app';
import { spec } from '../helpers/spec';

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
  test('when the contracts are read, then every read answered from the cache has a real answer to replay', () => {
    const cachedReads = Object.entries(spec.paths)
      .filter(([, item]) => item.get?.responses['304'])
      .map(([path]) => path);
    const replayed = new Set(SAMPLE_ANSWERS.map((answer) => answer.request.split('?')[0]));

    expect(cachedReads.length).toBeGreaterThanOrEqual(6);
    expect(cachedReads.filter((path) => !replayed.has(path))).toEqual([]);
  });

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

    expect(excerptDifferences(DATABASE.restored.value, res.body)).toEqual([]);
  });

  test.each(SAMPLE_ANSWERS.map((answer) => [answer.request, answer.value]))(
    'when GET %s is asked on the sample, then the answer is its example',
    async (path, example) => {
      const res = await app.api.get(path);

      expect(excerptDifferences(example, res.body)).toEqual([]);
    },
  );

  test('when the database is dropped, then the answer is its example', async () => {
    const res = await app.api.delete('/database').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);

    expect(res.body).toEqual(DATABASE.dropped.value);
  });
});
