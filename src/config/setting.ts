import type { z } from 'zod';

/** The environment as read: only the variables set to something other than blanks. */
export type GivenEnv = Readonly<Record<string, string>>;

/** A default, or how to work it out from the other variables when it depends on them. */
type Fallback<T> = T | ((given: GivenEnv) => T);

interface SettingOptions<T> {
  /** what the variable means: the docs and `.env.example` say exactly this */
  doc: string;
  /** the default as people are told it, when the value alone does not say it all */
  shown?: string;
  /** the value never appears in an error message or a log line: all of it, or the parts this returns */
  secret?: true | ((value: NonNullable<T>) => string[]);
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** One environment variable: its name, schema, default, doc and whether it is secret, stated once. */
export class Setting<T> {
  constructor(
    readonly env: string,
    private readonly schema: z.ZodType<T>,
    private readonly fallback: Fallback<T>,
    readonly doc: string,
    readonly shownDefault: string,
    /** the strings to redact from logs; undefined when the variable is not secret */
    readonly secretParts: ((value: NonNullable<T>) => string[]) | undefined,
  ) {}

  read(given: GivenEnv): Parsed<T> {
    const raw = given[this.env];
    if (raw === undefined) return { ok: true, value: this.defaultFor(given) };
    const parsed = this.schema.safeParse(raw);
    return parsed.success
      ? { ok: true, value: parsed.data }
      : { ok: false, message: parsed.error.issues[0]!.message };
  }

  get isSecret(): boolean {
    return this.secretParts !== undefined;
  }

  /** What `.env.example` sets: the default when it is a plain value, else nothing (the app decides). */
  get exampleValue(): string {
    const literal = this.fallback !== undefined && typeof this.fallback !== 'function';
    return literal && this.shownDefault === shown(this.fallback) ? plain(this.fallback) : '';
  }

  private defaultFor(given: GivenEnv): T {
    return typeof this.fallback === 'function'
      ? (this.fallback as (given: GivenEnv) => T)(given)
      : this.fallback;
  }
}

export function setting<S extends z.ZodType>(
  env: string,
  schema: S,
  options: SettingOptions<z.output<S>> & { default: Fallback<z.output<S>> },
): Setting<z.output<S>>;
export function setting<S extends z.ZodType>(
  env: string,
  schema: S,
  options: SettingOptions<z.output<S> | undefined>,
): Setting<z.output<S> | undefined>;
export function setting<T>(
  env: string,
  schema: z.ZodType<T>,
  options: SettingOptions<T> & { default?: Fallback<T> },
): Setting<T> {
  const fallback = options.default as Fallback<T>;
  if (typeof fallback === 'function' && options.shown === undefined) {
    throw new Error(`${env}: a computed default needs the words that show it`);
  }
  const secret = options.secret === true ? (value: NonNullable<T>) => [String(value)] : options.secret;
  return new Setting(env, schema, fallback, options.doc, options.shown ?? shown(fallback), secret);
}

function shown(fallback: unknown): string {
  return fallback === undefined ? '-' : `\`${plain(fallback)}\``;
}

function plain(fallback: unknown): string {
  return Array.isArray(fallback) ? fallback.join(',') : String(fallback);
}

/** A group of settings that is undefined as a whole while one of them, the one that turns it on, is unset. */
export class OptionalGroup<F extends Fields, K extends keyof F> {
  constructor(
    readonly fields: F,
    readonly presentWhen: K,
  ) {}
}

export const presentWhen = <F extends Fields, K extends keyof F & string>(field: K, fields: F) =>
  new OptionalGroup(fields, field);

/** The shape of Config: each field a setting, a nested group of them, or an optional group. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any setting, whatever its value
export type Entry = Setting<any> | OptionalGroup<Fields, string> | Fields;
export interface Fields {
  readonly [field: string]: Entry;
}

type Flat<T> = { [K in keyof T]: T[K] };
type ValueOf<E> =
  E extends Setting<infer T>
    ? T
    : E extends OptionalGroup<infer F, infer K>
      ? Flat<Omit<Values<F>, K> & { [P in K]: NonNullable<Values<F>[P]> }> | undefined
      : Values<E>;
/** The values a table of settings parses to: the type Config is inferred from. */
export type Values<F> = { -readonly [K in keyof F]: ValueOf<F[K]> };

/** A part of the table with the heading and words its docs show above its variables. */
export interface Area<F extends Fields = Fields> {
  title: string;
  /** markdown, shown above the area's table */
  about: string;
  fields: F;
}

export const area = <F extends Fields>(definition: Area<F>): Area<F> => definition;

/** Every setting under some fields, in the order they are declared. */
export function settingsOf(fields: Fields): Setting<unknown>[] {
  return Object.values(fields).flatMap((entry) => {
    if (entry instanceof Setting) return [entry as Setting<unknown>];
    return settingsOf(entry instanceof OptionalGroup ? entry.fields : entry);
  });
}
