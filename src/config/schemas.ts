import express from 'express';
import { z } from 'zod';
import { normaliseTag } from '../tags';

/** The kinds of value the variables take; each says in its message what is allowed. */

export const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `an integer from ${min} to ${max}`)
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, `an integer from ${min} to ${max}`)
        .max(max, `an integer from ${min} to ${max}`),
    );

/** Blank values never reach a schema: they count as unset. */
export const text = z.string().trim().min(1);

export const httpUrl = z.url({ protocol: /^https?$/ });

/** Each tag in the one spelling the collector stores and the API matches (src/tags.ts). */
export const tagList = z.string().transform((value, ctx): readonly string[] => {
  const given = value
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  const tags = given.map(normaliseTag);
  if (given.length === 0 || tags.includes(undefined)) {
    ctx.addIssue({ code: 'custom', message: 'comma-separated hashtags such as #devops,#sre' });
    return z.NEVER;
  }
  return [...new Set(tags as string[])];
});

export type TrustProxy = false | number | string[];

const TRUST_PROXY_HELP =
  'false, a number of proxies in front, or comma-separated addresses, CIDR ranges and loopback, linklocal, uniquelocal';

/** Express compiles the setting at once, so an address it cannot read is refused here, at start. */
export const trustProxy = z
  .string()
  .trim()
  .transform((value, ctx): TrustProxy => {
    const parsed: TrustProxy =
      value === 'false'
        ? false
        : /^\d+$/.test(value)
          ? Number(value)
          : value
              .split(',')
              .map((entry) => entry.trim())
              .filter(Boolean);
    try {
      if (Array.isArray(parsed) && parsed.length === 0) throw new Error('empty');
      express().set('trust proxy', parsed);
    } catch {
      ctx.addIssue({ code: 'custom', message: TRUST_PROXY_HELP });
      return z.NEVER;
    }
    return parsed;
  });
