import { z } from 'zod';
import { normaliseTag } from '../tags';

/** A single query value: repeated parameters (`?a=1&a=2`) are refused rather than guessed at. */
export const single = z.string({ error: 'must be given once, as a single value' });

export const integerParam = (min: number, max: number) => {
  const allowed = `must be an integer from ${min} to ${max}`;
  return single
    .regex(/^\d{1,7}$/, allowed)
    .transform(Number)
    .pipe(z.number().int().min(min, allowed).max(max, allowed))
    .meta({ param: { schema: { type: 'integer', minimum: min, maximum: max } } });
};

export const tagParam = single.transform((value, ctx) => {
  const tag = normaliseTag(value);
  if (tag) return tag;
  ctx.addIssue({ code: 'custom', message: 'must be a hashtag such as #devops or devops' });
  return z.NEVER;
});

export const langParam = single.regex(
  /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$|^und$/,
  'must be a language code such as en, pt or und',
);

/**
 * Compile-time proof that two types are the same: the response schemas and the types the code
 * answers with cannot drift apart without failing the typecheck.
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type Expect<T extends true> = T;
