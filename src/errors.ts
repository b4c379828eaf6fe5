import type { ErrorRequestHandler, RequestHandler } from 'express';
import { currentRequestId } from './observability/request-context';
import { isDatabaseUnavailable } from './database';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** The one error type: anything thrown with it becomes an RFC 9457 problem with its status. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly extra: { headers?: Record<string, string>; body?: Record<string, unknown> } = {},
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

export const badRequest = (detail: string) => new AppError(400, detail);

export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError(404, `No resource at ${req.path}`));
};

export function methodNotAllowed(allowed: string[]): RequestHandler {
  return (req, _res, next) => {
    next(
      new AppError(405, `${req.method} is not allowed on ${req.path}; allowed: ${allowed.join(', ')}`, {
        headers: { Allow: allowed.join(', ') },
      }),
    );
  };
}

export interface ErrorReporter {
  (error: unknown): void;
}

/** Writes every error as problem+json; a 5xx never shows its internals. */
export function problemHandler(report: ErrorReporter): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const problem = toAppError(error);
    if (problem.status >= 500 && !(error instanceof AppError)) report(error);
    if (res.headersSent) return;
    for (const [name, value] of Object.entries(problem.extra.headers ?? {})) res.setHeader(name, value);
    res
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(
        JSON.stringify({
          type: 'about:blank',
          title: TITLES[problem.status] ?? 'Error',
          status: problem.status,
          detail: problem.detail,
          instance: currentRequestId() ?? String(req.headers['x-request-id'] ?? ''),
          ...problem.extra.body,
        }),
      );
  };
}

/** The database could not be reached (PostgreSQL down, the network cut): nothing was lost, try later. */
export class DatabaseUnavailableError extends AppError {
  constructor() {
    super(503, 'the database is unreachable; try again shortly', { headers: { 'Retry-After': '5' } });
    this.name = 'DatabaseUnavailableError';
  }
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return new DatabaseUnavailableError();
  const status = (error as { status?: unknown; type?: unknown }).status;
  // body-parser style errors carry a 4xx status and a safe message.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(status, (error as Error).message);
  }
  return new AppError(500, 'The server could not complete the request; it has been logged.');
}
