import { badRequest } from '../../errors';
import type { TweetCursor } from '../../repositories/tweet-reader';

/** Cursors are opaque to clients: base64url of the order key of the last entry served. */
export function encodeCursor(cursor: TweetCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.postId, cursor.tag])).toString('base64url');
}

export function decodeCursor(text: string): TweetCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3 && value.every((part) => typeof part === 'string')) {
      const [createdAt, postId, tag] = value as [string, string, string];
      if (!Number.isNaN(Date.parse(createdAt)) && /^\d{1,20}$/.test(postId))
        return { createdAt, postId, tag };
    }
  } catch {
    // reported below as a bad cursor
  }
  throw badRequest('cursor: must be a next_cursor value returned by this endpoint');
}
