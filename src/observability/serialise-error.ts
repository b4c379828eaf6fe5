export interface SerialisedError {
  name: string;
  message: string;
  stack?: string;
  code?: string | number;
  cause?: unknown;
}

/**
 * What of an Error a log line keeps. JSON skips its non-enumerable name, message and stack (winston
 * writes `{}`), and its other fields may hold a whole HTTP request, Authorization header included.
 */
export function serialiseError(error: Error): SerialisedError {
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(error.stack !== undefined && { stack: error.stack }),
    ...((typeof code === 'string' || typeof code === 'number') && { code }),
    ...(error.cause !== undefined && { cause: error.cause }),
  };
}
