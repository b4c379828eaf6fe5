import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { createGenerator } from 'ts-json-schema-generator';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');
const schemaPackage = join(root, 'node_modules', '@grafana', 'schema');
type Link = { title: string; url: string };
type Panel = {
  id: number;
  type: string;
  title: string;
  fieldConfig?: { defaults: { unit?: string; thresholds?: unknown; links?: Link[] } };
  targets?: { expr: string }[];
};
type Dashboard = {
  uid: string;
  title: string;
  panels: Panel[];
  links: Record<string, unknown>[];
};
const dashboards = readdirSync(join(root, 'grafana', 'dashboards')).map((file) => ({
  file,
  json: JSON.parse(readFileSync(join(root, 'grafana', 'dashboards', file), 'utf8')) as Dashboard,
}));

/**
 * Grafana publishes its dashboard schema as TypeScript types in @grafana/schema (generated from its
 * CUE kinds); the npm package has no JSON Schema. The types of the classic dashboard JSON (the one
 * provisioned files use) become a JSON Schema here, strict: a field the type does not name is an error.
 */
function dashboardValidator(): ValidateFunction {
  const { $schema: _draft, ...schema } = createGenerator({
    path: join(schemaPackage, 'dist', 'types', 'raw', 'dashboard', 'x', 'types.gen.d.ts'),
    type: 'Dashboard',
    skipTypeCheck: true,
    additionalProperties: false,
  }).createSchema('Dashboard');
  return new Ajv({ strict: false, allErrors: true }).compile(schema);
}

describe("the dashboards against Grafana's own dashboard schema", () => {
  let validate: ValidateFunction;
  beforeAll(() => {
    validate = dashboardValidator();
  }, 60_000);

  test('when the schema package is read, then its version is the Grafana version the stack pins', () => {
    const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
      services: { grafana: { image: string } };
    };
    const { version } = JSON.parse(readFileSync(join(schemaPackage, 'package.json'), 'utf8')) as {
      version: string;
    };

    expect(compose.services.grafana.image).toBe(`grafana/grafana:${version}`);
  });

  test.each(dashboards.map(({ file, json }) => [file, json] as const))(
    'when %s is validated, then it has no error',
    (_file, dashboard) => {
      const valid = validate(dashboard);

      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    },
  );

  test('when a dashboard breaks the schema, then the validator says where', () => {
    const broken = structuredClone(dashboards[0]!.json) as unknown as {
      panels: Record<string, unknown>[];
      links: Record<string, unknown>[];
    };
    broken.panels[0]!.fieldConfig = { defaults: { unit: 5 }, overrides: [] };
    broken.links[0]!.keepTime = 'yes';
    broken.panels[1]!.gridPos = { x: 0, y: 0 };

    expect(validate(broken)).toBe(false);
    expect(validate.errors!.map((error) => `${error.instancePath} ${error.message}`)).toEqual(
      expect.arrayContaining([
        '/links/0/keepTime must be boolean',
        '/panels/0/fieldConfig/defaults/unit must be string',
      ]),
    );
  });
});

describe('units, thresholds and links of the dashboards', () => {
  const byFile = Object.fromEntries(dashboards.map(({ file, json }) => [file, json]));

  test('when a panel is read, then it has a unit', () => {
    const withoutUnit = dashboards.flatMap(({ file, json }) =>
      json.panels
        .filter((panel) => !panel.fieldConfig?.defaults.unit)
        .map((panel) => `${file}: ${panel.title}`),
    );

    expect(withoutUnit).toEqual([]);
  });

  test('when the panels an on-call engineer reads first are checked, then each shows the threshold of its alert or SLO', () => {
    const thresholdOf = (file: string, title: string) =>
      (
        byFile[file]!.panels.find((panel) => panel.title === title)?.fieldConfig?.defaults.thresholds as {
          steps: { color: string; value: number | null }[];
        }
      )?.steps.at(-1);

    expect(thresholdOf('api.json', 'Error ratio (5xx and 4xx)')).toEqual({ color: 'red', value: 0.001 });
    expect(thresholdOf('api.json', 'Latency p50 / p95 / p99')).toEqual({ color: 'red', value: 0.5 });
    expect(thresholdOf('api.json', 'p95 latency by route')).toEqual({ color: 'red', value: 0.5 });
    expect(thresholdOf('collector.json', 'Connected to Logstash')).toEqual({ color: 'green', value: 1 });
    expect(thresholdOf('runtime.json', 'Event loop lag')).toEqual({ color: 'red', value: 0.5 });
  });

  test('when the links of each dashboard are followed, then they reach the other two, keeping the job and time range', () => {
    const uids = new Map(dashboards.map(({ file, json }) => [json.uid, file]));
    const reached = Object.fromEntries(
      dashboards.map(({ file, json }) => {
        const urls = json.panels
          .flatMap((panel) => panel.fieldConfig?.defaults.links ?? [])
          .map((link) => link.url);
        for (const url of urls)
          expect(url).toMatch(/^\/d\/[\w-]+\?\$\{__url_time_range\}&var-job=\$\{job\}$/);
        return [file, [...new Set(urls.map((url) => uids.get(url.split(/[/?]/)[2]!)))].sort()];
      }),
    );

    expect(reached).toEqual({
      'api.json': ['collector.json', 'runtime.json'],
      'collector.json': ['api.json', 'runtime.json'],
      'runtime.json': ['api.json', 'collector.json'],
      'stream.json': ['api.json', 'collector.json', 'runtime.json'],
    });
    for (const { json } of dashboards)
      expect(json.links).toEqual([
        expect.objectContaining({
          type: 'dashboards',
          tags: ['twitter-api'],
          includeVars: true,
          keepTime: true,
        }),
      ]);
  });

  test("when the API dashboard is read, then it has the original project's two panels: total requests by method and non-2xx errors", () => {
    const panel = (title: string) =>
      byFile['api.json']!.panels.find((candidate) => candidate.title === title);

    expect(panel('Total requests by method')).toMatchObject({
      type: 'piechart',
      targets: [
        {
          expr: 'sum by (method) (increase(http_requests_total{job="$job", route=~"$route"}[$__range]))',
          legendFormat: '{{method}}',
        },
      ],
    });
    expect(panel('API errors (non-2xx)')).toMatchObject({
      type: 'timeseries',
      targets: [
        {
          expr: 'sum by (route, status_code) (rate(http_requests_total{job="$job", route=~"$route", status_code!~"2.."}[$__rate_interval]))',
        },
      ],
    });
  });
});
