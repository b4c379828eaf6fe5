import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/server';
import type { Faults } from '../../emulator/faults';
import { OPERATIONAL_DISCONNECT } from '../../emulator/stream';
import { sampleCorpus } from '../collector/x-api-helpers';

const SPEC = join(__dirname, '..', 'fixtures', 'shared', 'openapi-search-subset.json');
type Operation = { responses: Record<string, { content: Record<string, { schema: object }> }> };
type Paths = Record<string, Record<'get' | 'post', Operation>>;
const headers = { Authorization: 'Bearer token', 'content-type': 'application/json' };

describe('the emulator stream and rules endpoints against the official X API OpenAPI description', () => {
  let paths: Paths;
  const ajv = new Ajv({ strict: false, allErrors: true, discriminator: false });
  addFormats(ajv);
  let emulator: Emulator;

  beforeAll(async () => {
    paths = ((await SwaggerParser.dereference(SPEC)) as unknown as { paths: Paths }).paths;
  });
  afterEach(() => emulator?.close());

  const start = async (faults: Faults = {}) =>
    (emulator = await startEmulator({ corpus: sampleCorpus(), port: 0, bearerToken: 'token', faults }));

  function expectValid(path: string, method: 'get' | 'post', status: number, type: string, body: unknown) {
    const operation = paths[path]![method];
    const response = operation.responses[String(status)] ?? operation.responses.default!;
    const validate = ajv.compile(response.content[type]!.schema);
    expect(validate(body) ? [] : validate.errors).toEqual([]);
  }

  async function call(path: string, method: 'GET' | 'POST', body?: unknown) {
    const res = await fetch(`${emulator.url}${path}`, {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- checked by the schema
    const json = (await res.json()) as any;
    const type = res.headers.get('content-type')!.split(';')[0]!;
    expectValid(path, method.toLowerCase() as 'get', res.status, type, json);
    return { status: res.status, body: json };
  }

  test('when rules are added, listed and deleted, then every answer matches the spec', async () => {
    await start();
    const rules = '/2/tweets/search/stream/rules';

    expect((await call(rules, 'GET')).body.meta.result_count).toBe(0);
    const added = await call(rules, 'POST', { add: [{ value: '#devops -is:retweet', tag: '#devops' }] });
    expect(added.body.meta.summary).toEqual({ created: 1, not_created: 0, valid: 1, invalid: 0 });
    expect((await call(rules, 'GET')).body.data).toEqual(added.body.data);
    const deleted = await call(rules, 'POST', { delete: { ids: [added.body.data[0].id, '42'] } });
    expect(deleted.body.meta.summary).toEqual({ deleted: 1, not_deleted: 1 });
  });

  test.each([
    ['401', { unauthorized: true }, 401],
    ['429 too many connections', { streamTooManyConnectionsNext: 1 }, 429],
    ['503', { streamUnavailableNext: 1 }, 503],
  ] as [string, Faults, number][])(
    'when the stream answers %s, then the body matches the spec',
    async (_n, faults, status) => {
      await start(faults);

      expect((await call('/2/tweets/search/stream', 'GET')).status).toBe(status);
    },
  );

  test('when the stream sends posts, then each line is a FilteredStreamingTweetResponse naming its rule', async () => {
    await start({ streamRate: 100 });
    await call('/2/tweets/search/stream/rules', 'POST', {
      add: [{ value: '#sre -is:retweet', tag: '#sre' }],
    });
    const controller = new AbortController();
    const query = new URLSearchParams({ expansions: 'author_id', 'tweet.fields': 'created_at,entities' });
    const res = await fetch(`${emulator.url}/2/tweets/search/stream?${query.toString()}`, {
      headers,
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    let text = '';
    while (text.split('\r\n').length < 6) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();

    const lines = text
      .split('\r\n')
      .filter(Boolean)
      .slice(0, 5)
      .map((line) => JSON.parse(line));
    for (const line of [...lines, OPERATIONAL_DISCONNECT]) {
      expectValid('/2/tweets/search/stream', 'get', 200, 'application/json', line);
    }
    expect(lines.every((line) => line.matching_rules[0].tag === '#sre')).toBe(true);
    expect(Object.keys(lines[0].data).sort()).toEqual([
      'author_id',
      'created_at',
      'edit_history_tweet_ids',
      'entities',
      'id',
      'text',
    ]);
    expect(lines[0].includes.users[0].id).toBe(lines[0].data.author_id);
  });
});
