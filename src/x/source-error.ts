/**
 * Why a source stopped. `rate_limited` and `failed` end one tag; `fatal` (bad credentials, no access,
 * usage cap) ends the whole run, and its message tells the operator what to fix.
 */
export type SourceErrorKind = 'rate_limited' | 'failed' | 'fatal';

export class SourceError extends Error {
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SourceError';
  }
}
