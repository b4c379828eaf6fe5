import { OptionalGroup, Setting, type Fields } from './setting';
import { FIELDS, type Config } from './table';

/** Values that must never reach a log line, a metric or a response: those of the settings marked secret. */
export function secretsOf(config: Config): string[] {
  return secretsUnder(FIELDS, config);
}

function secretsUnder(fields: Fields, values: object | undefined): string[] {
  if (values === undefined) return [];
  return Object.entries(fields).flatMap(([field, entry]) => {
    const value: unknown = (values as Record<string, unknown>)[field];
    if (!(entry instanceof Setting)) {
      return secretsUnder(entry instanceof OptionalGroup ? entry.fields : entry, value as object | undefined);
    }
    const parts = (entry as Setting<unknown>).secretParts;
    return parts && value !== undefined && value !== null ? parts(value).filter(Boolean) : [];
  });
}
