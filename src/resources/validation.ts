import type { z } from 'zod';
import { badRequest } from '../errors';

/** Parses query parameters with a schema; the first problem becomes a 400 naming the parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    throw badRequest(`unknown query parameter(s): ${issue.keys.join(', ')}`);
  }
  const name = issue.path.map(String).join('.');
  throw badRequest(`${name}: ${issue.message}`);
}
