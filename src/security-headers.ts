import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * What every answer but a page carries beyond its Content-Type, request id and caching headers (see
 * docs/security-headers.md): nothing is sniffed into a type a browser would run or render, and no page
 * may frame or load anything from it. A JSON or problem+json answer is never a document, so the
 * headers that only govern documents (helmet's other ten) would be a kilobyte of nothing on each.
 */
export const API_HEADERS: readonly (readonly [name: string, value: string])[] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
];

/** Sets the API headers: constants, so a request costs two setHeader calls. */
export const apiHeaders: RequestHandler = (_req, res, next) => {
  for (const [name, value] of API_HEADERS) res.setHeader(name, value);
  next();
};

/**
 * The full browser set (helmet's defaults, its Content-Security-Policy among them) for the HTML pages
 * and the files they load; a page may then narrow the policy (`/` and `/docs/` do).
 */
export const browserHeaders: RequestHandler = helmet();

/** Where the pages and their files are: `/` (exactly), and everything under these. */
export const PAGE_PREFIXES = ['/assets', '/docs'];
