import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'winston';
import type { AppMetrics } from './metrics';
import { runWithRequestId } from './request-context';

const SANE_REQUEST_ID = /^[\w.:-]{1,128}$/;
const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

/** Takes a sane incoming X-Request-Id or makes one, returns it, and runs the request inside its context. */
export const requestId: RequestHandler = (req, res, next) => {
  const incoming = req.get('x-request-id');
  const id = incoming && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  runWithRequestId(id, next);
};

/** The route template a request matched, or `unmatched`: never a raw path, so labels stay bounded. */
export function routeOf(req: Request): string {
  const template: unknown = (req.route as { path?: unknown } | undefined)?.path;
  return typeof template === 'string' ? `${req.baseUrl}${template}` : 'unmatched';
}

/** Counts and times every request but /metrics, and writes one log line when it ends. */
export function observeRequests(metrics: AppMetrics, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // The scrape itself is left out of every HTTP metric, in-flight included.
    const counted = req.path !== '/metrics';
    if (counted) metrics.httpInFlight.inc();
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      if (counted) metrics.httpInFlight.dec();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req);
      // An event stream ends when its client leaves: that is its normal end, and its length is not a latency.
      const streaming = String(res.getHeader('content-type') ?? '').startsWith('text/event-stream');
      const status = res.writableFinished || streaming ? res.statusCode : 499;
      const labels = { method: req.method, route, status_code: String(status) };
      if (counted) {
        metrics.httpRequests.inc(labels);
        if (!streaming) metrics.httpDuration.observe(labels, seconds);
      }
      const level =
        status >= 500 ? 'error' : status >= 400 ? 'warn' : QUIET_ROUTES.has(route) ? 'debug' : 'info';
      // winston formats (timestamp, redaction, JSON) and streams every line before its transports
      // drop those below their level: a dropped line per request was a quarter of /healthz's CPU.
      if (!logger.isLevelEnabled(level)) return;
      const id = res.getHeader('x-request-id');
      logger.log(level, `${req.method} ${req.path} ${status}`, {
        event: 'http.request',
        // 'finish' may fire outside the request's async context, so the id is passed explicitly.
        request_id: id,
        'http.request.id': id,
        'http.request.method': req.method,
        route,
        'url.path': req.path,
        'http.response.status_code': status,
        // ECS durations are in nanoseconds.
        'event.duration': Math.round(seconds * 1e9),
        'client.ip': req.ip,
        'user_agent.original': req.get('user-agent'),
      });
    };
    res.on('finish', end);
    res.on('close', end);
    next();
  };
}
