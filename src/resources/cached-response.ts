import type { Request, Response } from 'express';
import type { CachedBody } from '../repositories/read-cache';

/**
 * Sends a cached JSON body with its strong ETag; a client whose If-None-Match names it gets 304
 * without the body (Express's `req.fresh` compares them, and honours `Cache-Control: no-cache`).
 */
export function sendCached(req: Request, res: Response, cached: CachedBody): void {
  res.setHeader('ETag', cached.etag);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.send(cached.body);
}
