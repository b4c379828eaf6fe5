import type { Request, Response } from 'express';
import type { CachedBody } from '../repositories/read-cache';

/**
 * Sends a cached JSON body with its strong ETag; a client whose If-None-Match names it gets 304
 * without the body. The origin always evaluates If-None-Match (RFC 9110, 13.1.2): Express's
 * `req.fresh` would answer 200 to `Cache-Control: no-cache`, which fetch adds to every request
 * carrying If-None-Match.
 */
export function sendCached(req: Request, res: Response, cached: CachedBody): void {
  res.setHeader('ETag', cached.etag);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  if (namesTag(req.headers['if-none-match'], cached.etag)) {
    res.status(304).end();
    return;
  }
  res.send(cached.body);
}

/** If-None-Match compares weakly: `W/"x"` names `"x"`, and `*` names any current answer. */
function namesTag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}
