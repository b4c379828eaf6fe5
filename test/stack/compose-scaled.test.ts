import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config';
import {
  composeText,
  composeValidator,
  loadCompose,
  mergeCompose,
  requiredVariables,
  root,
  type Compose,
  type Service,
} from './compose-files';

const FILES = ['docker-compose.replicas.yml', 'docker-compose.events.yml'];
const base = loadCompose('docker-compose.yml');
const replicas = loadCompose('docker-compose.replicas.yml');
const events = loadCompose('docker-compose.events.yml');
const DEFAULT_SERVICES = Object.keys(base.services);
const STACKS: [string, Compose, string[]][] = [
  ['replicas', mergeCompose(base, replicas), [...DEFAULT_SERVICES, 'postgres', 'proxy']],
  ['events', mergeCompose(base, events), [...DEFAULT_SERVICES, 'nats', 'nats-exporter']],
  [
    'replicas and events',
    mergeCompose(base, replicas, events),
    [...DEFAULT_SERVICES, 'postgres', 'proxy', 'nats', 'nats-exporter'],
  ],
];
const envExample = readFileSync(join(root, '.env.example'), 'utf8');
const example = Object.fromEntries(
  envExample
    .split('\n')
    .filter((line) => /^[A-Z0-9_]+=/.test(line))
    .map((line) => line.split(/=(.*)/s).slice(0, 2)),
) as Record<string, string>;
/** A compose value with `${VAR}`, `${VAR:-default}` and `${VAR:?message}` replaced from .env.example. */
const interpolate = (value: string) =>
  value.replace(
    /\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g,
    (_all, variable: string, kind?: string, fallback?: string) =>
      example[variable] || (kind === '-' ? fallback! : ''),
  );

describe('docker-compose.replicas.yml and docker-compose.events.yml', () => {
  test.each(FILES)(
    'when %s is validated against the Compose specification schema, then it is valid',
    (file) => {
      const validate = composeValidator();
      const compose = loadCompose(file);

      expect(validate(compose) ? [] : validate.errors).toEqual([]);
      expect(compose).not.toHaveProperty('version');
      expect(compose).toMatchObject({ name: 'twitter-api' });
    },
  );

  test('when images are referenced, then each is pinned to an exact version of the major chosen', () => {
    const images = [replicas, events].flatMap((file) =>
      Object.values(file.services).flatMap((service) => (service.image ? [service.image] : [])),
    );

    expect(images.sort()).toEqual([
      expect.stringMatching(/^nats:2\.\d+\.\d+-alpine$/),
      expect.stringMatching(/^natsio\/prometheus-nats-exporter:\d+\.\d+\.\d+$/),
      expect.stringMatching(/^nginx:1\.\d+\.\d+-alpine$/),
      expect.stringMatching(/^postgres:17\.\d+-alpine$/),
    ]);
  });

  test('when a file interpolates a variable without a default, then .env.example gives it a value', () => {
    const required = FILES.flatMap((file) => [...requiredVariables(composeText(file))]);

    expect([...new Set(required)].sort()).toEqual(['POSTGRES_PASSWORD']);
    for (const variable of required) expect(example[variable]).toMatch(/^\S+$/);
  });
});

describe.each(STACKS)('the %s stack (docker-compose.yml merged with its files)', (_name, stack, services) => {
  const entries = Object.entries(stack.services);

  test('when services are listed, then they are the default ones and the added ones', () => {
    expect(Object.keys(stack.services).sort()).toEqual([...services].sort());
  });

  test('when a service depends on another, then the target exists and the condition fits it', () => {
    for (const [name, service] of entries) {
      for (const [target, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect({ name, target, exists: target in stack.services }).toEqual({ name, target, exists: true });
        const oneShot = stack.services[target]!.restart === 'no';
        expect({ name, target, condition }).toEqual({
          name,
          target,
          condition: oneShot ? 'service_completed_successfully' : 'service_healthy',
        });
      }
    }
  });

  test('when a long-running service is defined, then it restarts and has a healthcheck', () => {
    for (const [name, service] of entries) {
      if (service.restart === 'no') continue;
      expect({ name, restart: service.restart, health: Boolean(service.healthcheck) }).toEqual({
        name,
        restart: 'unless-stopped',
        health: true,
      });
    }
  });

  test('when volumes are mounted, then named ones are declared and bind-mounted files exist', () => {
    for (const [, service] of entries) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('./'))
          expect({ source, exists: existsSync(join(root, source)) }).toEqual({ source, exists: true });
        else expect(Object.keys(stack.volumes ?? {})).toContain(source);
      }
    }
  });

  test('when Prometheus starts, then it reads the scaled config, which finds every API process through DNS', () => {
    const mounts = stack.services.prometheus!.volumes!.filter((volume) =>
      volume.includes('/etc/prometheus/prometheus.yml'),
    );

    expect(mounts).toEqual(['./prometheus/prometheus.scaled.yml:/etc/prometheus/prometheus.yml:ro']);
  });
});

describe('the replicas stack', () => {
  const stack = STACKS[0]![1];
  const api = stack.services.twitterapi as Service & { environment: Record<string, string> };

  test('when the API is run, then three replicas use PostgreSQL, publish no port and share no SQLite volume', () => {
    expect(api.deploy).toEqual({ replicas: 3 });
    expect(api.ports).toEqual([]);
    expect(api.volumes).toEqual([]);
    expect(api.depends_on).toEqual({
      logstash: { condition: 'service_healthy' },
      postgres: { condition: 'service_healthy' },
    });
    expect(
      Object.entries(stack.services).flatMap(([name, service]) => (service.ports?.length ? [name] : [])),
    ).toEqual(['elasticsearch', 'kibana', 'prometheus', 'alertmanager', 'grafana', 'proxy']);
    expect(stack.services.proxy!.ports).toEqual(['${API_PORT:-5000}:8080']);
  });

  test('when the database URL is built, then its password is the one PostgreSQL gets, from .env, required, never written in the file', () => {
    const postgres = stack.services.postgres!;

    expect(api.environment.DATABASE_URL).toMatch(
      /^postgres:\/\/twitterapi:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/twitterapi$/,
    );
    expect(postgres.environment).toEqual({
      POSTGRES_USER: 'twitterapi',
      POSTGRES_DB: 'twitterapi',
      POSTGRES_PASSWORD: expect.stringMatching(/^\$\{POSTGRES_PASSWORD:\?[^}]+\}$/),
    });
    expect(postgres.healthcheck!.test).toEqual([
      'CMD-SHELL',
      'pg_isready -U twitterapi -d twitterapi -h 127.0.0.1',
    ]);
    expect(postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    const url = new URL(interpolate(api.environment.DATABASE_URL!));
    expect({ host: url.host, user: url.username, password: url.password, database: url.pathname }).toEqual({
      host: 'postgres:5432',
      user: 'twitterapi',
      password: example.POSTGRES_PASSWORD,
      database: '/twitterapi',
    });
  });

  test('when a replica gets its environment from .env.example and the defaults, then the app accepts it: PostgreSQL, and the one proxy hop trusted', () => {
    const resolved = Object.fromEntries(
      Object.entries(api.environment).map(([name, value]) => [name, interpolate(String(value))]),
    );

    expect(loadConfig(resolved)).toMatchObject({
      port: 5000,
      trustProxy: 1,
      logstash: { host: 'logstash', port: 5000 },
      postgres: {
        url: `postgres://twitterapi:${example.POSTGRES_PASSWORD}@postgres:5432/twitterapi`,
        poolSize: 10,
        sslMode: 'disable',
      },
    });
  });
});

describe('the events stack', () => {
  const stack = STACKS[1]![1];
  const nats = stack.services.nats!;
  const exporter = stack.services['nats-exporter']!;

  test('when the API runs, then it publishes to the NATS service once NATS is healthy', () => {
    expect(stack.services.twitterapi!.environment).toMatchObject({ NATS_URL: 'nats://nats:4222' });
    expect(stack.services.twitterapi!.depends_on).toMatchObject({ nats: { condition: 'service_healthy' } });
  });

  test('when NATS runs, then JetStream stores on the volume and the healthcheck waits for JetStream', () => {
    expect(nats.command).toEqual(['-js', '-sd', '/data', '-m', '8222']);
    expect(nats.volumes).toEqual(['nats-data:/data']);
    expect(nats.healthcheck!.test).toEqual([
      'CMD',
      'wget',
      '-qO-',
      'http://127.0.0.1:8222/healthz?js-enabled-only=true',
    ]);
  });

  test('when the exporter runs, then it reads the monitoring port of the NATS service and serves where Prometheus scrapes', () => {
    const scaled = parse(
      readFileSync(join(root, 'prometheus', 'prometheus.scaled.yml'), 'utf8'),
    ) as PrometheusConfig;
    const job = scaled.scrape_configs.find((config) => config.job_name === 'nats')!;
    const command = exporter.command!;

    expect(command.at(-1)).toBe('http://nats:8222');
    expect(command.slice(0, -1)).toEqual(expect.arrayContaining(['-varz', '-port']));
    expect(job.dns_sd_configs).toEqual([
      {
        names: ['nats-exporter'],
        type: 'A',
        port: Number(command[command.indexOf('-port') + 1]),
        refresh_interval: '30s',
      },
    ]);
  });
});

type PrometheusConfig = {
  global: unknown;
  alerting: unknown;
  rule_files: string[];
  scrape_configs: { job_name: string; dns_sd_configs?: unknown[]; static_configs?: unknown[] }[];
};

describe('prometheus/prometheus.scaled.yml beside prometheus/prometheus.yml', () => {
  const read = (file: string) =>
    parse(readFileSync(join(root, 'prometheus', file), 'utf8')) as PrometheusConfig;
  const scaled = read('prometheus.scaled.yml');
  const single = read('prometheus.yml');

  test('when the two are compared, then alerting, rules and the static jobs are the same', () => {
    expect(scaled.global).toEqual(single.global);
    expect(scaled.alerting).toEqual(single.alerting);
    expect(scaled.rule_files).toEqual(single.rule_files);
    const statics = (config: PrometheusConfig) =>
      config.scrape_configs.filter((job) => job.job_name !== 'twitterapi' && job.job_name !== 'nats');
    expect(statics(scaled)).toEqual(statics(single));
  });

  test('when the API job is read, then it resolves the API service name to every replica on the port the API listens on', () => {
    const job = scaled.scrape_configs.find((config) => config.job_name === 'twitterapi')!;
    const api = STACKS[0]![1].services.twitterapi!;

    expect(job.static_configs).toBeUndefined();
    expect(job.dns_sd_configs).toEqual([
      { names: ['twitterapi'], type: 'A', port: Number(api.environment!.PORT), refresh_interval: '15s' },
    ]);
    expect(single.scrape_configs.find((config) => config.job_name === 'twitterapi')!.static_configs).toEqual([
      { targets: ['twitterapi:5000'] },
    ]);
  });
});
