import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse, YAMLSeq } from 'yaml';

export const root = join(__dirname, '..', '..');

export type Service = {
  image?: string;
  build?: unknown;
  command?: string[];
  ports?: string[];
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  env_file?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  restart?: string;
};
export type Compose = { name?: string; services: Record<string, Service>; volumes?: Record<string, unknown> };

/** Compose's `!reset` (an override's way to remove what the file below set): an empty list, marked. */
const RESET = Symbol('reset');
const resetTag = {
  tag: '!reset',
  collection: 'seq' as const,
  nodeClass: YAMLSeq,
  identify: () => false,
  resolve: () => Object.assign([], { [RESET]: true }),
};
const isReset = (value: unknown) => Array.isArray(value) && RESET in value;

export const composeText = (file: string) => readFileSync(join(root, file), 'utf8');
export const loadCompose = (file: string) => parse(composeText(file), { customTags: [resetTag] }) as Compose;

/** The Compose specification's JSON Schema: the team's copy beside the repository, else the one committed with the tests. */
export function composeValidator(): ValidateFunction {
  const shared = resolve(root, '../shared/schemas/compose-spec.json');
  const schemaFile = existsSync(shared)
    ? shared
    : join(root, 'test', 'fixtures', 'shared', 'compose-spec.json');
  // The schema names draft-07 with a URL ajv does not know by that spelling; it is the draft-07 ajv ships.
  const { $schema: _draft, ...schema } = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<
    string,
    unknown
  >;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

const mountTarget = (volume: string) => volume.split(':')[1];

/** One service of a later file over the same service of an earlier one, as `docker compose -f a -f b` merges them. */
function mergeService(base: Service, override: Service): Service {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override) as [keyof Service, unknown][]) {
    const before = merged[key];
    if (isReset(value)) merged[key] = [];
    else if (key === 'volumes')
      merged[key] = [
        ...((before as string[] | undefined) ?? []).filter(
          (volume) => !(value as string[]).some((other) => mountTarget(other) === mountTarget(volume)),
        ),
        ...(value as string[]),
      ];
    else if (Array.isArray(value) && key !== 'command' && Array.isArray(before))
      merged[key] = [...new Set([...before, ...value])];
    else if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      before &&
      typeof before === 'object'
    )
      merged[key] = { ...before, ...value };
    else merged[key] = value;
  }
  return merged;
}

/** The files merged in order, as Compose does for `-f` (services and top-level volumes). */
export function mergeCompose(...files: Compose[]): Compose {
  return files.reduce<Compose>(
    (merged, file) => ({
      services: Object.fromEntries(
        [...new Set([...Object.keys(merged.services), ...Object.keys(file.services)])].map((name) => [
          name,
          merged.services[name] && file.services[name]
            ? mergeService(merged.services[name], file.services[name])
            : (file.services[name] ?? merged.services[name])!,
        ]),
      ),
      volumes: { ...merged.volumes, ...file.volumes },
    }),
    { services: {}, volumes: {} },
  );
}

/** `${VAR}` and `${VAR:?message}` a file interpolates without a default: .env.example must give each a value. */
export const requiredVariables = (text: string) =>
  new Set([...text.matchAll(/(?<!\$)\$\{([A-Z0-9_]+)(?::?\?[^}]*)?\}/g)].map((match) => match[1]!));
