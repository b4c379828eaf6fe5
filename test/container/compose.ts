import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, Scalar, type Tags } from 'yaml';
import { root } from './podman';

/**
 * The compose files read as `docker compose -f a.yml -f b.yml` reads them, for the parts a stack of
 * podman containers needs: each service's image, command, environment, ports, volumes, health check,
 * restart policy, replicas and dependencies. Variables are interpolated from `variables` alone.
 */

const reset = Symbol('!reset');
// `!reset []` and `!reset {}` drop what an earlier file set (compose's merge).
const resetTags: Tags = (['seq', 'map'] as const).map((collection) => ({
  tag: '!reset',
  collection,
  resolve: () => new Scalar(reset) as never,
}));

export interface HealthCheck {
  test: string[];
  interval?: string;
  timeout?: string;
  retries?: number;
  start_period?: string;
}

export interface Service {
  image?: string;
  command?: string[];
  entrypoint?: string[];
  environment: Record<string, string>;
  ports: string[];
  volumes: string[];
  healthcheck?: HealthCheck;
  restart?: string;
  stop_grace_period?: string;
  deploy?: { replicas?: number };
  depends_on: Record<string, { condition: string }>;
}

export interface Project {
  name: string;
  services: Record<string, Service>;
  volumes: string[];
}

type Raw = Record<string, unknown>;

/** `${NAME}`, `${NAME:-default}`, `${NAME:?message}` and `$$`, as compose interpolates them. */
export function interpolate(text: string, variables: Record<string, string>): string {
  return text.replace(/\$\$|\$\{([A-Z0-9_]+)(?:(:-|:\?)([^}]*))?\}/g, (match, name, operator, rest) => {
    if (match === '$$') return '$';
    const value = variables[name as string];
    if (value !== undefined && value !== '') return value;
    if (operator === ':?') throw new Error(`${name as string}: ${rest as string}`);
    return operator === ':-' ? (rest as string) : '';
  });
}

function interpolateAll(value: unknown, variables: Record<string, string>): unknown {
  if (typeof value === 'string') return interpolate(value, variables);
  if (Array.isArray(value)) return value.map((item) => interpolateAll(item, variables));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateAll(item, variables)]),
    );
  return value;
}

const volumeTarget = (volume: string) => volume.split(':')[1];

/** Compose's merge: mappings merged key by key, ports appended, volumes replaced by target, the rest replaced. */
function mergeService(base: Raw, override: Raw): Raw {
  const merged: Raw = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const previous = merged[key];
    if (value === reset) merged[key] = undefined;
    else if (key === 'volumes' && Array.isArray(previous))
      merged[key] = [
        ...(previous as string[]).filter(
          (volume) => !(value as string[]).some((next) => volumeTarget(next) === volumeTarget(volume)),
        ),
        ...(value as string[]),
      ];
    else if (key === 'ports' && Array.isArray(previous))
      merged[key] = [...(previous as string[]), ...(value as string[])];
    else if (
      previous &&
      typeof previous === 'object' &&
      !Array.isArray(previous) &&
      value &&
      typeof value === 'object' &&
      !Array.isArray(value)
    )
      merged[key] = { ...(previous as Raw), ...(value as Raw) };
    else merged[key] = value;
  }
  return merged;
}

function normalise(raw: Raw): Service {
  const environment = Object.fromEntries(
    Object.entries((raw.environment as Record<string, string | number | null> | undefined) ?? {}).map(
      ([key, value]) => [key, String(value ?? '')],
    ),
  );
  return {
    ...(raw as Partial<Service>),
    environment,
    ports: (raw.ports as string[] | undefined) ?? [],
    volumes: (raw.volumes as string[] | undefined) ?? [],
    depends_on: (raw.depends_on as Service['depends_on'] | undefined) ?? {},
  };
}

/** The compose `files` (relative to the repository), merged in order and interpolated. */
export function loadProject(files: string[], variables: Record<string, string>): Project {
  let name = '';
  const services: Record<string, Raw> = {};
  const volumes = new Set<string>();
  for (const file of files) {
    const document = parse(readFileSync(join(root, file), 'utf8'), { customTags: resetTags }) as Raw;
    name = (document.name as string | undefined) ?? name;
    for (const [service, raw] of Object.entries(document.services as Record<string, Raw>))
      services[service] = mergeService(services[service] ?? {}, raw);
    for (const volume of Object.keys((document.volumes as Raw | undefined) ?? {})) volumes.add(volume);
  }
  const interpolated = interpolateAll(services, variables) as Record<string, Raw>;
  return {
    name,
    services: Object.fromEntries(Object.entries(interpolated).map(([key, raw]) => [key, normalise(raw)])),
    volumes: [...volumes],
  };
}
