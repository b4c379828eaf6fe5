import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config';

const root = join(__dirname, '..', '..');
const text = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
type Service = {
  image?: string;
  build?: unknown;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  env_file?: string[];
  healthcheck?: unknown;
  restart?: string;
};
const compose = parse(text) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = Object.entries(compose.services);
const envExample = readFileSync(join(root, '.env.example'), 'utf8');

describe('docker-compose.yml', () => {
  test('when validated against the Compose specification schema, then it is valid and has no obsolete version key', () => {
    // The team's copy beside the repository when there is one, else the copy committed with the tests
    // (test/fixtures.test.ts keeps the two equal).
    const shared = resolve(__dirname, '../../../shared/schemas/compose-spec.json');
    const schemaFile = existsSync(shared)
      ? shared
      : join(__dirname, '..', 'fixtures', 'shared', 'compose-spec.json');
    // The schema names draft-07 with a URL ajv does not know by that spelling; it is the draft-07 ajv ships.
    const { $schema: _draft, ...schema } = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<
      string,
      unknown
    >;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);

    expect(validate(compose) ? [] : validate.errors).toEqual([]);
    expect(compose).not.toHaveProperty('version');
    expect(validate({ ...compose, services: { bad: { image: 1 } } })).toBe(false);
  });

  test('when services are listed, then the stack has the API, Elastic, Prometheus, Alertmanager and Grafana', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      [
        'alertmanager',
        'elasticsearch',
        'es-setup',
        'grafana',
        'kibana',
        'kibana-setup',
        'logstash',
        'prometheus',
        'twitterapi',
      ].sort(),
    );
  });

  test('when a service depends on another, then the target exists and the condition fits it', () => {
    for (const [name, service] of services) {
      for (const [target, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect({ name, target, exists: target in compose.services }).toEqual({ name, target, exists: true });
        const oneShot = compose.services[target]!.restart === 'no';
        expect({ name, target, condition }).toEqual({
          name,
          target,
          condition: oneShot ? 'service_completed_successfully' : 'service_healthy',
        });
      }
    }
  });

  test('when a long-running service is defined, then it has a healthcheck (the API in its Dockerfile too)', () => {
    for (const [name, service] of services) {
      if (service.restart === 'no') continue;
      expect({ name, healthcheck: Boolean(service.healthcheck) }).toEqual({ name, healthcheck: true });
    }
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toMatch(/^HEALTHCHECK .*\n.*\/readyz/m);
  });

  test('when volumes are mounted, then named ones are declared and bind-mounted files exist', () => {
    const named = new Set<string>();
    for (const [, service] of services) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('./'))
          expect({ source, exists: existsSync(join(root, source)) }).toEqual({ source, exists: true });
        else named.add(source);
      }
      for (const file of service.env_file ?? [])
        expect({ file, exists: existsSync(join(root, file)) }).toEqual({ file, exists: true });
    }
    expect([...named].sort()).toEqual(Object.keys(compose.volumes).sort());
    expect([...named].sort()).toEqual([
      'alertmanager-data',
      'api-data',
      'es-data',
      'grafana-data',
      'prometheus-data',
    ]);
  });

  test('when images are referenced, then each is pinned to an exact version and the Elastic ones share one 8.19.x', () => {
    const images = services.flatMap(([, service]) =>
      service.image && !service.build ? [service.image] : [],
    );
    for (const image of images) expect(image).toMatch(/:v?\d+\.\d+\.\d+$/);
    const elastic = new Set(
      images.filter((image) => image.startsWith('docker.elastic.co/')).map((image) => image.split(':')[1]),
    );
    expect([...elastic]).toHaveLength(1);
    expect([...elastic][0]).toMatch(/^8\.19\.\d+$/);
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toMatch(
      /^ARG NODE_IMAGE=node:24\.\d+\.\d+-bookworm-slim$/m,
    );
  });

  test('when a variable is interpolated without a default, then .env.example gives it a value', () => {
    // `$${VAR}` is the container's own variable, escaped from Compose; `${VAR:-default}` has its default.
    const required = [...text.matchAll(/(?<!\$)\$\{([A-Z0-9_]+)(?::?\?[^}]*)?\}/g)].map((match) => match[1]!);
    expect(required.length).toBeGreaterThan(3);
    for (const variable of new Set(required)) {
      expect({ variable, documented: new RegExp(`^${variable}=\\S+`, 'm').test(envExample) }).toEqual({
        variable,
        documented: true,
      });
    }
  });

  test('when the API runs in the stack, then it ships logs to Logstash and keeps its database on the volume', () => {
    const api = compose.services.twitterapi as Service & { environment: Record<string, string> };

    expect(api.environment).toMatchObject({
      LOGSTASH_HOST: 'logstash',
      LOGSTASH_PORT: '5000',
      DATABASE_PATH: '/data/twitter.db',
    });
    expect(api.volumes).toContain('api-data:/data');
  });

  test('when the API container gets its environment from .env.example and the defaults, then the app accepts it', () => {
    const example = Object.fromEntries(
      envExample
        .split('\n')
        .filter((line) => /^[A-Z0-9_]+=/.test(line))
        .map((line) => line.split(/=(.*)/s).slice(0, 2)),
    );
    const api = compose.services.twitterapi as Service & { environment: Record<string, string> };
    const resolved = Object.fromEntries(
      Object.entries(api.environment).map(([name, value]) => [
        name,
        String(value).replace(
          /\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g,
          (_all, variable: string, fallback?: string) => example[variable] || fallback || '',
        ),
      ]),
    );

    expect(loadConfig(resolved)).toMatchObject({
      port: 5000,
      databasePath: '/data/twitter.db',
      source: 'sample',
      logstash: { host: 'logstash', port: 5000 },
      collect: { intervalMinutes: 15 },
      // No HTTP proxy in the stack: Docker's port mapping is not one, so no X-Forwarded-For is believed.
      trustProxy: false,
    });
  });
});
