import { serialiseError } from './serialise-error';

export const REDACTED = '[REDACTED]';
const MAX_DEPTH = 10;

/** Keys whose values are credentials, compared without case, '-' or '_': `x-admin-token`, `bearerToken`. */
const SECRET_KEY =
  /(authorization|cookie|password|passwd|passphrase|secret|token|bearer|apikey|consumerkey)$/;
/** X API pagination cursors end in "token" but are not credentials. */
const NOT_SECRET_KEY = new Set(['nexttoken', 'previoustoken', 'paginationtoken']);

/** Credentials recognisable by their shape, for those no configuration lists (an exchanged bearer token). */
const SECRET_SHAPES: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[\w.~+/%-]{16,}=*/gi, `$1 ${REDACTED}`],
  [/([?&](?:access_token|token|api_key|apikey)=)[^&\s#]+/gi, `$1${REDACTED}`],
];

export function isSecretKey(key: string): boolean {
  const normalised = key.toLowerCase().replace(/[-_]/g, '');
  return SECRET_KEY.test(normalised) && !NOT_SECRET_KEY.has(normalised);
}

/**
 * Returns a function that copies a value for logging: secret-looking keys masked, every given
 * secret (and its URL-encoded form) replaced inside every string, Errors made plain, cycles and
 * depth cut. The value given is never changed.
 */
export function createRedactor(secrets: readonly string[]): (value: unknown) => unknown {
  // Shorter "secrets" would shred ordinary text; longest first so one inside another goes whole.
  const variants = [...new Set(secrets.flatMap((secret) => [secret, encodeURIComponent(secret)]))]
    .filter((secret) => secret.length >= 4)
    .sort((a, b) => b.length - a.length);
  const redactString = (text: string) =>
    SECRET_SHAPES.reduce(
      (result, [shape, replacement]) => result.replace(shape, replacement),
      variants.reduce((result, secret) => result.split(secret).join(REDACTED), text),
    );

  const copy = (value: unknown, ancestors: object[]): unknown => {
    if (typeof value === 'string') return redactString(value);
    if (value === null || typeof value !== 'object') return value;
    if (ancestors.includes(value)) return '[Circular]';
    if (ancestors.length >= MAX_DEPTH) return '[Truncated]';
    const inside = [...ancestors, value];
    if (value instanceof Error) return copy(serialiseError(value), inside);
    // Dates, URLs and Buffers say through toJSON what they are; their own keys would say nothing.
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function')
      return copy((value as { toJSON(): unknown }).toJSON(), inside);
    if (Array.isArray(value)) return value.map((item) => copy(item, inside));
    const entries = Object.entries(value).map(([key, inner]) => [
      key,
      isSecretKey(key) ? REDACTED : copy(inner, inside),
    ]);
    return Object.fromEntries(entries);
  };
  return (value) => copy(value, []);
}
