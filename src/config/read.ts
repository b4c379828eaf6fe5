import { OptionalGroup, Setting, type Fields, type GivenEnv } from './setting';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** An empty variable means "not set": `.env.example` and docker-compose.yml pass empty ones through. */
export const givenOf = (env: NodeJS.ProcessEnv): GivenEnv =>
  Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== '',
    ),
  );

/** Each field's value; the first variable that does not parse stops it with one line (never a secret). */
export function readFields(fields: Fields, given: GivenEnv, env: NodeJS.ProcessEnv): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([field, entry]) => {
      if (entry instanceof Setting) return [field, readSetting(entry as Setting<unknown>, given, env)];
      if (!(entry instanceof OptionalGroup)) return [field, readFields(entry, given, env)];
      const group = readFields(entry.fields, given, env);
      return [field, group[entry.presentWhen] === undefined ? undefined : group];
    }),
  );
}

function readSetting(setting: Setting<unknown>, given: GivenEnv, env: NodeJS.ProcessEnv): unknown {
  const parsed = setting.read(given);
  if (parsed.ok) return parsed.value;
  const shown = setting.isSecret ? '(hidden)' : JSON.stringify(env[setting.env] ?? '');
  throw new ConfigError(`Invalid ${setting.env}=${shown}: expected ${parsed.message}`);
}
