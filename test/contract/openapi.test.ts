import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020';
import { buildTestApp, type TestApp } from '../helpers/app';
import { spec } from '../helpers/spec';

/** Route paths the Express app serves, from its router stack. */
function servedPaths(app: TestApp): Set<string> {
  const stack = (app.http as unknown as { router: { stack: { route?: { path: string }; handle?: { stack?: unknown[] } }[] } }).router.stack;
  const paths = new Set<string>();
  const walk = (layers: { route?: { path: string }; handle?: { stack?: unknown[] } }[]) => {
    for (const layer of layers) {
      if (layer.route) paths.add(layer.route.path);
      else if (layer.handle?.stack) walk(layer.handle.stack as typeof layers);
    }
  };
  walk(stack);
  return paths;
}

describe('the OpenAPI description', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  test('when validated by a real OpenAPI validator, then it is a valid 3.1 document', async () => {
    const document = structuredClone(spec) as unknown as Parameters<typeof SwaggerParser.validate>[0];

    await expect(SwaggerParser.validate(document)).resolves.toBeDefined();
    expect((spec as unknown as { openapi: string }).openapi).toBe('3.1.0');
  });

  test('when compared with the app, then every served route is described and every described path is served', () => {
    const served = [...servedPaths(app)].filter((path) => !path.startsWith('/docs/')).sort();

    expect(served).toEqual(Object.keys(spec.paths).sort());
  });

  test('when served at /openapi.json, then it is the same document', async () => {
    const res = await app.api.get('/openapi.json').expect(200);

    expect(res.body).toEqual(JSON.parse(JSON.stringify(spec)));
  });

  test('when the examples are checked against their schemas, then each one validates', () => {
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema({ $id: 'spec', components: spec.components });
    let checked = 0;
    for (const item of Object.values(spec.paths)) {
      for (const operation of Object.values(item)) {
        for (const response of Object.values(operation.responses)) {
          for (const media of Object.values(response.content ?? {}) as { schema?: object; example?: unknown; examples?: Record<string, { value: unknown }> }[]) {
            const examples = [...(media.example === undefined ? [] : [media.example]), ...Object.values(media.examples ?? {}).map((entry) => entry.value)];
            for (const example of examples) {
              const validate = ajv.compile(JSON.parse(JSON.stringify(media.schema).replaceAll('"#/components/', '"spec#/components/')));
              expect(validate(example) ? null : validate.errors).toBeNull();
              checked += 1;
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(9);
  });

  test('when /docs is requested, then Swagger UI is served from the package, pointing at /openapi.json', async () => {
    await app.api.get('/docs').expect(301).expect('location', '/docs/');
    const page = await app.api.get('/docs/').expect(200).expect('content-type', /text\/html/);
    const initializer = await app.api.get('/docs/swagger-initializer.js').expect(200);
    const bundle = await app.api.get('/docs/swagger-ui-bundle.js').expect(200);

    expect(page.text).toContain('swagger-ui-bundle.js');
    expect(initializer.text).toContain("url: '../openapi.json'");
    expect(bundle.text.length).toBeGreaterThan(100_000);
  });
});
