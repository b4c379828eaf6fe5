import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type AugmentedRequest } from 'express-rate-limit';
import { AppError } from '../../errors';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Requires `Authorization: Bearer <ADMIN_TOKEN>`; digests make the comparison constant-time for any length. */
export function requireAdmin(adminToken: string): RequestHandler {
  const expected = digest(adminToken);
  return (req, _res, next) => {
    const match = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '');
    if (match?.[1] && timingSafeEqual(digest(match[1]), expected)) {
      next();
      return;
    }
    next(
      new AppError(401, 'this endpoint requires Authorization: Bearer <ADMIN_TOKEN>', {
        headers: { 'WWW-Authenticate': 'Bearer realm="twitter-api"' },
      }),
    );
  };
}

export const FAILED_AUTH_WINDOW_MS = 15 * 60_000;

/**
 * Guessing the admin token is bounded: after `maxFailures` 401s from one client address in 15 minutes,
 * every admin request from it gets 429 until the window ends, the right token included (otherwise the
 * answer would still tell a guesser when a guess was right). Successful requests do not count.
 * The client is the connection's address, not `req.ip`: X-Forwarded-For is trusted from private
 * networks (for the logs), and a guesser could otherwise pick a new address for every try.
 */
export function limitFailedAdminAuth(maxFailures: number): RequestHandler {
  return rateLimit({
    windowMs: FAILED_AUTH_WINDOW_MS,
    limit: maxFailures,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    keyGenerator: (req) => ipKeyGenerator(req.socket.remoteAddress ?? 'unknown'),
    standardHeaders: false,
    legacyHeaders: false,
    handler: (req, _res, next) => {
      const resetTime = (req as AugmentedRequest).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000));
      next(
        new AppError(429, `too many failed admin authentications from this client; retry in ${seconds} s`, {
          headers: { 'Retry-After': String(seconds) },
        }),
      );
    },
  });
}
