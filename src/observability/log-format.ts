import { format } from 'winston';
import { currentRequestId } from './request-context';

const SENSITIVE_KEYS = /^(authorization|password|passwd|secret|token|access_token|bearer|cookie|set-cookie|api[-_]?key|consumer[-_]?secret)$/i;
const REDACTED = '[REDACTED]';

/** Adds the request id of the request being served, when there is one. */
export const requestContext = format((info) => {
  const requestId = currentRequestId();
  if (requestId && info.request_id === undefined) info.request_id = requestId;
  return info;
});

/** Errors become { name, message, stack }: winston would otherwise write them as {}. */
export const serialiseErrors = format((info) => {
  for (const [key, value] of Object.entries(info)) {
    if (value instanceof Error) info[key] = { name: value.name, message: value.message, stack: value.stack };
  }
  return info;
});

/** Masks secret-looking keys and every configured secret wherever it appears in a line. */
export const redact = format((info, opts: unknown) => {
  const options = (opts ?? {}) as { secrets?: string[] };
  const secrets = (options.secrets ?? []).filter((secret) => secret.length >= 4);
  const clean = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return secrets.reduce((text, secret) => text.split(secret).join(REDACTED), value);
    if (depth > 8 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => clean(item, depth + 1));
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, SENSITIVE_KEYS.test(key) ? REDACTED : clean(inner, depth + 1)]),
    );
  };
  for (const key of Object.keys(info)) {
    info[key] = SENSITIVE_KEYS.test(key) ? REDACTED : clean(info[key], 0);
  }
  return info;
});
