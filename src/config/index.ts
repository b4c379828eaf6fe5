import type { DatabaseSettings } from '../database';
import { checkTogether } from './checks';
import { givenOf, readFields } from './read';
import { FIELDS, type Config } from './table';

export { DEFAULT_TAGS } from './collector';
export { ConfigError } from './read';
export type { TrustProxy } from './schemas';
export { secretsOf } from './secrets';
export { AREAS } from './table';
export type { Config };
export type HttpServerLimits = Config['http'];
export type StreamConfig = Config['stream'];
export type EventsConfig = NonNullable<Config['events']>;

/** Parses the environment once; the result is frozen and passed to whoever needs it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const given = givenOf(env);
  const config = readFields(FIELDS, given, env) as Config;
  checkTogether(config, given, env);
  return deepFreeze(config);
}

/** Where the service keeps its data: openDatabase's settings. */
export function databaseSettings(config: Config): DatabaseSettings {
  return { path: config.databasePath, postgres: config.postgres, busyRetryMs: config.databaseBusyRetryMs };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
