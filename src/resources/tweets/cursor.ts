import { z } from 'zod';
import { badRequest } from '../../errors';
import type { TweetCursor } from '../../repositories/tweet-reader';
import { MAX_TERM_LENGTH, TERM_PATTERN } from '../../stream/control';
import { normaliseTag } from '../../tags';

/** created_at as stored: the UTC ISO form toISOString() gives, of a real instant. */
const storedInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  .refine((value) => !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value);

/** A tag as stored: a collected hashtag's spelling, or a stream's tracked term. */
const storedTag = z
  .string()
  .max(MAX_TERM_LENGTH + 2)
  .refine((value) => normaliseTag(value) === value || TERM_PATTERN.test(value));

const cursorParts = z.tuple([storedInstant, z.string().regex(/^\d{1,20}$/), storedTag]);

/** Cursors are opaque to clients: base64url of the order key of the last entry served. */
export function encodeCursor(cursor: TweetCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.postId, cursor.tag])).toString('base64url');
}

/**
 * Every part is checked, so what reaches the database is what it stores (a NUL in a text parameter
 * is an error on PostgreSQL, not a position).
 */
export function decodeCursor(text: string): TweetCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const parts = cursorParts.safeParse(value);
  if (!parts.success) throw badRequest('cursor: must be a next_cursor value returned by this endpoint');
  const [createdAt, postId, tag] = parts.data;
  return { createdAt, postId, tag };
}
