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
 * What every admin route runs first: one failed-authentication limit shared by all of them (a guess
 * at /launch counts as one at /database), then the token check. Created once by the app.
 */
export function adminGuard(admin: { token: string; maxFailedAuth: number }): RequestHandler[] {
  return [limitFailedAdminAuth(admin.maxFailedAuth), requireAdmin(admin.token)];
}

/**
 * Guessing the admin token is bounded: after `maxFailures` 401s from one client address in 15 minutes,
 * every admin request from it gets 429 until the window ends, the right token included (otherwise the
 * answer would still tell a guesser when a guess was right). Successful requests do not count, and
 * other addresses are not affected: failures from anyone else never refuse a right token.
 * The client is `req.ip`: the connection's address, or the one a trusted proxy (TRUST_PROXY) names
 * in X-Forwarded-For, so clients behind the stack's nginx each have their own count, and a client
 * cannot pick a new address for each try where no proxy is trusted.
 */
function limitFailedAdminAuth(maxFailures: number): RequestHandler {
  return rateLimit({
    windowMs: FAILED_AUTH_WINDOW_MS,
    limit: maxFailures,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown'),
    // An X-Forwarded-For the app does not trust is simply not believed; no warning for each client sending one.
    validate: { xForwardedForHeader: false },
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
