import SwaggerParser from '@apidevtools/swagger-parser';
import { buildTestApp, type TestApp } from '../helpers/app';
import { schemaValidator, spec } from '../helpers/spec';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** `METHOD path` for every route the Express app serves, from its router stack (catch-all `.all` handlers aside). */
function servedOperations(app: TestApp): string[] {
  const operations: string[] = [];
  const walk = (layers: Layer[]) => {
    for (const layer of layers) {
      if (layer.route) {
        const methods = Object.keys(layer.route.methods).filter((method) => method !== '_all');
        operations.push(...methods.map((method) => `${method.toUpperCase()} ${layer.route!.path}`));
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app.http as unknown as { router: { stack: Layer[] } }).router.stack);
  return operations;
}

const described = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
);

describe('the OpenAPI description', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  test('when validated by a real OpenAPI validator, then it is a valid 3.1 document', async () => {
    const document = structuredClone(spec) as unknown as Parameters<typeof SwaggerParser.validate>[0];

    await expect(SwaggerParser.validate(document)).resolves.toBeDefined();
    expect(spec.openapi).toBe('3.1.0');
  });

  test('when compared with the app, then every served operation is described and every described one is served', () => {
    // Swagger UI's own files are served from its package under /docs/, outside the description.
    const served = servedOperations(app).filter((operation) => !operation.includes(' /docs/'));

    expect([...new Set(served)].sort()).toEqual(described.sort());
  });

  test('when /tweets is described, then its 200 is oneOf the page and the top authors, with both parameters sets', () => {
    const operation = spec.paths['/tweets']!.get as unknown as { parameters: { name: string }[] };
    const schema = spec.paths['/tweets']!.get!.responses['200']!.content!['application/json']!.schema;

    expect(operation.parameters.map((parameter) => parameter.name)).toEqual([
      'limit',
      'cursor',
      'tag',
      'lang',
      'from',
      'to',
      'tz',
      'q',
      'order_by_followers_desc',
      'if-none-match',
    ]);
    expect(schema).toMatchObject({
      oneOf: [{ $ref: '#/components/schemas/TweetsPage' }, { $ref: '#/components/schemas/TopAuthors' }],
    });
  });

  test('when the admin operations are described, then they need the bearer token and document its 401, and HEAD is 405', () => {
    expect(spec.components).toMatchObject({
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer' } },
    });
    const { head, ...operations } = spec.paths['/database']!;
    expect(Object.keys(head!.responses)).toEqual(['405']);
    for (const operation of Object.values(operations)) {
      expect(operation).toMatchObject({ security: [{ adminToken: [] }] });
      expect(operation.responses['401']!.content).toHaveProperty(['application/problem+json']);
    }
  });

  test('when served at /openapi.json, then it is the same document', async () => {
    const res = await app.api
      .get('/openapi.json')
      .expect(200)
      .expect('content-type', /^application\/json/);

    expect(res.body).toEqual(spec);
  });

  test('when the examples are checked against their schemas, then each one validates', () => {
    let checked = 0;
    for (const item of Object.values(spec.paths)) {
      for (const operation of Object.values(item)) {
        for (const response of Object.values(operation.responses)) {
          for (const media of Object.values(response.content ?? {})) {
            const examples = [
              ...(media.example === undefined ? [] : [media.example]),
              ...Object.values(media.examples ?? {}).map((entry) => entry.value),
            ];
            for (const example of examples) {
              const validate = schemaValidator(media.schema!);
              expect(validate(example) ? null : validate.errors).toBeNull();
              checked += 1;
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(14);
  });
});

describe('Swagger UI at /docs', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  test('when /docs is requested, then the page is served from the package, pointing at /openapi.json', async () => {
    await app.api.get('/docs').expect(301).expect('location', '/docs/');
    const page = await app.api
      .get('/docs/')
      .expect(200)
      .expect('content-type', /text\/html/);
    const initializer = await app.api
      .get('/docs/swagger-initializer.js')
      .expect(200)
      .expect('content-type', /javascript/);
    const bundle = await app.api.get('/docs/swagger-ui-bundle.js').expect(200);

    expect(page.text).toContain('<script src="./swagger-ui-bundle.js"');
    expect(page.text).not.toMatch(/https?:\/\//);
    expect(initializer.text).toContain("url: '../openapi.json'");
    expect(bundle.text.length).toBeGreaterThan(100_000);
  });

  test('when the page is served, then its policy allows only same-origin scripts and does not force https', async () => {
    const res = await app.api.get('/docs/').expect(200);
    const policy = String(res.headers['content-security-policy']);

    expect(policy).toMatch(/(^|;)script-src 'self'(;|$)/);
    expect(policy).not.toContain('upgrade-insecure-requests');
  });

  test('when a file of the package the page does not load is asked for, then it is a 404', async () => {
    await app.api.get('/docs/package.json').expect(404);
    await app.api.get('/docs/absolute-path.js').expect(404);
  });

  test('when /docs is posted to, then it is a 405', async () => {
    await app.api.post('/docs').expect(405).expect('allow', 'GET, HEAD');
  });
});
