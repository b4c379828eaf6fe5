import fc from 'fast-check';
import type { Response } from 'supertest';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { anyHeaderText, anyText, validValue, type JsonSchema } from '../helpers/schema-arbitrary';
import { seed } from '../helpers/seed';
import { expectMatchesSpec, spec, specOperations, type SpecOperation } from '../helpers/spec';
import { listenOnFreePort } from '../helpers/sse';
import { refusedByDocument, type FuzzRequest } from '../helpers/document-validity';

/** Runs per operation, and the time each may take at most. */
const RUNS = 60;
const TIME_LIMIT_MS = 3000;
/**
 * The same values every run, so a red build names a change and not a lucky draw; FUZZ_SEED=<n> explores
 * others (a failure prints the seed and the counterexample to replay).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);

const schemaOf = (ref: { $ref?: string }): JsonSchema =>
  (ref.$ref ? spec.components.schemas[ref.$ref.split('/').pop()!] : ref) as JsonSchema;

/** Requests from the operation's schemas: each parameter absent, allowed, or anything; a body allowed, any JSON or not JSON. */
function requests(operation: SpecOperation): fc.Arbitrary<FuzzRequest> {
  const parameters = operation.parameters ?? [];
  const valueOf = ({ in: where, schema }: (typeof parameters)[number]) => {
    const allowed = validValue(schema as JsonSchema).map(String);
    // A header carries bytes: a free-text one gets visible ASCII, which its schema allows too.
    if (where === 'header' && !(schema as JsonSchema).pattern) return sometimes(anyHeaderText);
    return sometimes(
      fc.oneof({ arbitrary: allowed, weight: 3 }, where === 'header' ? anyHeaderText : anyText),
      2,
    );
  };
  const names = ['unknown', ...parameters.map((parameter) => parameter.name)];
  const schema =
    operation.requestBody && schemaOf(operation.requestBody.content['application/json']!.schema!);
  return fc
    .record({
      values: fc.tuple(...parameters.map(valueOf)),
      // a parameter not described, or one sent twice
      extra: sometimes(fc.tuple(fc.constantFrom(...names), anyText), 4),
      body: schema
        ? fc.oneof(
            { arbitrary: validValue(schema).map((value) => JSON.stringify(value)), weight: 2 },
            fc.jsonValue().map((v) => JSON.stringify(v)),
            fc.string(),
          )
        : fc.constant(undefined),
      token: operation.security.length
        ? fc.constantFrom('admin', 'admin', 'none', 'wrong')
        : fc.constant('none'),
    })
    .map(({ values, extra, body, token }) => ({
      parameters: parameters.flatMap((parameter, index) =>
        values[index] === undefined ? [] : [{ name: parameter.name, in: parameter.in, value: values[index] }],
      ),
      extra,
      body,
      token: token,
    }));
}

/** Absent in `absentWeight` draws of `absentWeight + 1`: with fewer parameters at once, allowed requests come up too. */
const sometimes = <T>(values: fc.Arbitrary<T>, absentWeight = 1): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: absentWeight }, { arbitrary: values, weight: 1 });

async function send(base: string, method: string, path: string, request: FuzzRequest): Promise<Response> {
  const url = new URL(path, base);
  const headers: Record<string, string> = {};
  for (const { name, in: where, value } of request.parameters) {
    if (where === 'query') url.searchParams.append(name, value);
    else headers[name] = value;
  }
  if (request.extra) url.searchParams.append(...request.extra);
  if (request.token !== 'none')
    headers.authorization = `Bearer ${request.token === 'admin' ? ADMIN_TOKEN : 'not-the-admin-token-0000'}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: method.toUpperCase(),
    headers,
    body: request.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(5000),
  });
  const type = response.headers.get('content-type') ?? '';
  // An event stream never ends: its status and headers are the answer.
  const text = type.startsWith('text/event-stream')
    ? (await response.body?.cancel(), '')
    : await response.text();
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: type.includes('json') && text ? (JSON.parse(text) as unknown) : text,
    req: { method: method.toUpperCase(), path },
  } as unknown as Response;
}

describe('every operation fuzzed with values from its schemas', () => {
  let app: TestApp;
  let server: Awaited<ReturnType<typeof listenOnFreePort>>;
  beforeAll(async () => {
    app = await buildTestApp({
      env: { TAGS: '#devops,#sre', ADMIN_MAX_FAILED_AUTH: '10000', STREAM_SAMPLE_RATE: '50' },
    });
    server = await listenOnFreePort(app.http);
    const user = buildUser();
    await seed(
      app.store,
      '#devops',
      buildPage([buildPost({ author: user }), buildPost({ author: user })], { users: [user] }),
    );
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });

  test.each(
    specOperations.map(
      ({ method, path, operation }) => [operation.operationId, method, path, operation] as const,
    ),
  )(
    'when %s gets allowed and refused values, then each answer is documented, 4xx are problem+json, none is a 5xx, and what the document refuses is refused',
    async (_id, method, path, operation) => {
      await fc.assert(
        fc.asyncProperty(requests(operation), async (request) => {
          const res = await send(server.url, method, path, request);

          expectMatchesSpec(res, method, path);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          if (refusedByDocument(operation, request)) expect(res.status).toBeGreaterThanOrEqual(400);
        }),
        { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, seed: SEED },
      );
    },
    TIME_LIMIT_MS + 20_000,
  );
});
