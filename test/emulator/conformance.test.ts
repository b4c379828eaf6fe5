import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/server';
import type { Faults } from '../../emulator/faults';
import { SEARCH_FIELDS } from '../../src/x/wire';
import { sampleCorpus } from '../collector/x-api-helpers';

const SPEC = join(__dirname, '..', 'fixtures', 'shared', 'openapi-search-subset.json');
type Operation = { responses: Record<string, { content: Record<string, { schema: object }> }> };

describe('the emulator against the official X API OpenAPI description', () => {
  let operation: Operation;
  const ajv = new Ajv({ strict: false, allErrors: true, discriminator: false });
  addFormats(ajv);
  let emulator: Emulator;

  beforeAll(async () => {
    const api = (await SwaggerParser.dereference(SPEC)) as unknown as {
      paths: Record<string, { get: Operation }>;
    };
    operation = api.paths['/2/tweets/search/recent']!.get;
  });
  afterEach(() => emulator?.close());

  async function answer(faults: Faults, query: Record<string, string> = {}) {
    emulator = await startEmulator({ corpus: sampleCorpus(), port: 0, bearerToken: 'token', faults });
    const params = new URLSearchParams({ ...SEARCH_FIELDS, query: '#devops -is:retweet', ...query });
    const res = await fetch(`${emulator.url}/2/tweets/search/recent?${params.toString()}`, {
      headers: { Authorization: 'Bearer token' },
    });
    return {
      status: res.status,
      type: res.headers.get('content-type')!.split(';')[0]!,
      headers: res.headers,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a response body, checked by the schema
      body: (await res.json()) as any,
    };
  }

  function expectValid(status: number, type: string, body: unknown) {
    const response = operation.responses[String(status)] ?? operation.responses.default!;
    const schema = response.content[type]?.schema;
    expect(schema).toBeDefined();
    const validate = ajv.compile(schema!);
    const valid = validate(body);
    expect(valid ? [] : validate.errors).toEqual([]);
  }

  test.each([
    ['a page with users and places', {}, {}, 200],
    ['an empty page', {}, { since_id: sampleCorpus().posts[0]!.id }, 200],
    ['max_results out of range', {}, { max_results: '5' }, 400],
    ['a stale since_id', {}, { since_id: '1000000000000000000' }, 400],
    ['401', { unauthorized: true }, {}, 401],
    ['403 client-not-enrolled', { forbidden: 'client-not-enrolled' }, {}, 403],
    ['429 rate limit', { rateLimitAfter: 0, rateLimitResetSeconds: 60 }, {}, 429],
    ['429 usage cap', { usageCapExceeded: true }, {}, 429],
    ['503', { unavailableNext: 1 }, {}, 503],
  ] as [string, Faults, Record<string, string>, number][])(
    'when the emulator answers %s, then the body matches the spec',
    async (_name, faults, query, status) => {
      const res = await answer(faults, query);

      expect(res.status).toBe(status);
      expectValid(res.status, res.type, res.body);
      expect(res.headers.get('x-rate-limit-limit')).toBe('450');
    },
  );

  test('when a 200 page is served, then it holds only the requested fields and meta', async () => {
    const res = await answer({});

    expect(Object.keys(res.body.data[0]).sort()).toEqual(
      expect.arrayContaining([
        'author_id',
        'created_at',
        'edit_history_tweet_ids',
        'entities',
        'id',
        'lang',
        'text',
      ]),
    );
    expect(res.body.data[0].public_metrics).toBeUndefined();
    expect(Object.keys(res.body.includes.users[0]).sort()).toEqual(
      ['id', 'location', 'name', 'public_metrics', 'username']
        .filter((key) => key in res.body.includes.users[0])
        .sort(),
    );
    expect(res.body.meta).toMatchObject({ result_count: 100, next_token: expect.any(String) });
  });

  test('when the 429 window has passed, then x-rate-limit-reset was honest and requests succeed again', async () => {
    const limited = await answer({ rateLimitAfter: 0, rateLimitResetSeconds: 1 });
    const reset = Number(limited.headers.get('x-rate-limit-reset')) * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(reset - Date.now(), 0) + 50));

    const again = await fetch(`${emulator.url}/2/tweets/search/recent?query=%23sre&max_results=10`, {
      headers: { Authorization: 'Bearer token' },
    });

    expect(limited.status).toBe(429);
    expect(again.status).toBe(200);
  });

  test('when the example response from ../shared is checked, then the validator accepts it (the check is live)', async () => {
    const example = (await import(join(__dirname, '..', 'fixtures', 'shared', 'example-search-recent.json')))
      .default;
    expectValid(200, 'application/json', example);
    const broken = { ...example, data: [{ id: 'not-a-number', text: 'x' }] };
    const validate = ajv.compile(operation.responses['200']!.content['application/json']!.schema);
    expect(validate(broken)).toBe(false);
  });
});
