import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startFakeLogstash, type FakeLogstash } from '../helpers/fake-logstash';
import { startApp } from './start-app';

const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const pipeline = read('logstash/pipeline/logstash.conf');
type Mapping = { type?: string; enabled?: boolean; properties?: Record<string, Mapping> };
const template = JSON.parse(read('logstash/templates/twitter-api-logs.json')) as {
  index_patterns: string[];
  template: { mappings: { properties: Record<string, Mapping> } };
};
type Line = Record<string, unknown>;

/** What logstash.conf does to a line before Elasticsearch sees it (the last test checks the conf says so). */
function asLogstashSendsIt(line: Line): Line {
  const sent: Line = { ...line };
  if (typeof sent.status === 'number') sent.status = String(sent.status);
  return sent;
}

function mappingAt(path: string): Mapping | undefined {
  let properties: Record<string, Mapping> | undefined = template.template.mappings.properties;
  let mapping: Mapping | undefined;
  for (const part of path.split('.')) {
    mapping = properties?.[part];
    properties = mapping?.properties;
  }
  return mapping;
}

/** Every field path with the JSON kinds of its values; arrays count as their items, as in Elasticsearch. */
function kindsByPath(lines: Line[]): Map<string, Set<string>> {
  const kinds = new Map<string, Set<string>>();
  const visit = (path: string, value: unknown) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) return value.forEach((item) => visit(path, item));
    const kind = typeof value;
    kinds.set(path, (kinds.get(path) ?? new Set()).add(kind));
    const mapping = mappingAt(path);
    if (kind !== 'object' || mapping?.type === 'flattened' || mapping?.enabled === false) return;
    for (const [key, inner] of Object.entries(value as Line)) visit(path ? `${path}.${key}` : key, inner);
  };
  for (const line of lines) for (const [key, value] of Object.entries(line)) visit(key, value);
  return kinds;
}

const ACCEPTS: Record<string, string[]> = {
  keyword: ['string', 'number', 'boolean'],
  ip: ['string'],
  text: ['string'],
  date: ['string'],
  float: ['number'],
  long: ['number'],
  integer: ['number'],
  flattened: ['object'],
  object: ['object'],
};

describe('the log lines and the Logstash pipeline', () => {
  let logstash: FakeLogstash;
  let stdout: Line[];
  beforeAll(async () => {
    logstash = await startFakeLogstash();
    // Lines of every kind: requests, a collection with a 503 retried and a tag stopped by a 429.
    const app = await startApp({
      source: 'emulator',
      faults: { unavailableNext: 1, rateLimitAfter: 3 },
      env: {
        LOG_LEVEL: 'debug',
        TAGS: '#devops,#sre,#oauth',
        LOGSTASH_HOST: '127.0.0.1',
        LOGSTASH_PORT: String(logstash.port),
      },
    });
    await app.stop();
    stdout = app.lines;
    // Shipped before the app exited, but maybe not yet read on this side.
    await logstash.waitFor((lines) => lines.length >= stdout.length, 5_000);
  }, 30_000);
  afterAll(() => logstash?.stop());

  test('when the app runs as in its container, then every line it writes and ships has the ECS base fields: a UTC ISO 8601 @timestamp, log.level, message, ecs.version and service.name', () => {
    expect([...new Set(stdout.map((line) => line['event.action']))]).toEqual(
      expect.arrayContaining([
        'app.start',
        'http.request',
        'collection.start',
        'collection.tag',
        'collection.tag_error',
        'collection.end',
        'x_api.request',
        'x_api.retry',
      ]),
    );
    expect(logstash.lines).toEqual(stdout);
    for (const line of stdout) {
      expect(line).toMatchObject({
        '@timestamp': expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        'log.level': expect.stringMatching(/^(error|warn|info|debug)$/),
        message: expect.any(String),
        'ecs.version': '8.11.0',
        'service.name': 'twitter-api',
        'event.dataset': 'twitter-api.log',
      });
    }
  });

  test('when a request is logged, then its line has the ECS HTTP fields, the duration in nanoseconds, and the request id kept', () => {
    const requests = stdout.filter((line) => line['event.action'] === 'http.request');
    const notFound = requests.find((line) => line['http.response.status_code'] === 404);

    expect(requests.length).toBeGreaterThan(0);
    expect(notFound).toMatchObject({
      'http.request.method': 'GET',
      'url.path': expect.stringMatching(/^\//),
      route: 'unmatched',
      'event.duration': expect.any(Number),
      'client.ip': expect.stringMatching(/127\.0\.0\.1$/),
      request_id: expect.any(String),
    });
    expect(notFound!['http.request.id']).toBe(notFound!.request_id);
    expect(Number.isInteger(notFound!['event.duration'])).toBe(true);
  });

  test('when any line is read, then no field holds a word where ECS keeps an object (event, error, source, url ...)', () => {
    const clashes = stdout.flatMap((line) =>
      ['event', 'error', 'service', 'source', 'url', 'http', 'client', 'log', 'host', 'user']
        .filter((name) => name in line)
        .map((name) => `${String(line['event.action'])}: ${name}`),
    );

    expect(clashes).toEqual([]);
  });

  test('when the lines reach Elasticsearch as the pipeline sends them, then each field has one type that its index template mapping accepts', () => {
    const problems: string[] = [];
    for (const [path, kinds] of kindsByPath(stdout.map(asLogstashSendsIt))) {
      const mapping = mappingAt(path);
      const accepted = mapping ? ACCEPTS[mapping.type ?? 'object'] : undefined;
      if (accepted) {
        const refused = [...kinds].filter((kind) => !accepted.includes(kind));
        if (refused.length) problems.push(`${path}: ${refused.join(', ')} into ${mapping?.type ?? 'object'}`);
      } else if (kinds.size > 1) problems.push(`${path}: ${[...kinds].join(' and ')}, unmapped`);
    }

    expect(problems).toEqual([]);
    // Without the pipeline's conversion the same lines would clash: the test would catch that.
    const raw = kindsByPath(stdout);
    expect([...raw.get('status')!].sort()).toEqual(['number', 'string']);
  });

  test('when the pipeline, its template and the stack are read together, then port, codec, conversions and index pattern line up', () => {
    const compose = parse(read('docker-compose.yml')) as {
      services: { twitterapi: { environment: Record<string, string> } };
    };
    const dataView = JSON.parse(read('kibana/setup/data-view.json')) as {
      data_view: { title: string; timeFieldName: string };
    };
    const index = /index\s*=>\s*"([^"%]+)%\{\+YYYY\.MM\.dd\}"/.exec(pipeline)?.[1];

    expect(pipeline).toMatch(
      new RegExp(
        `tcp \\{\\s*port => ${compose.services.twitterapi.environment.LOGSTASH_PORT}\\s*codec => json_lines`,
      ),
    );
    // Logstash takes the line's own @timestamp: a date filter on a field the app no longer writes would tag every line.
    expect(pipeline).not.toMatch(/match\s*=>\s*\["timestamp"/);
    expect(pipeline).toMatch(/convert => \{ "status" => "string" \}/);
    expect(pipeline).toMatch(/template => "\/usr\/share\/logstash\/templates\/twitter-api-logs\.json"/);
    expect(index).toBe('twitter-api-logs-');
    expect(template.index_patterns).toEqual([`${index}*`]);
    expect(template.template.mappings.properties['@timestamp']).toEqual({ type: 'date' });
    expect(dataView.data_view).toMatchObject({ title: `${index}*`, timeFieldName: '@timestamp' });
  });
});
