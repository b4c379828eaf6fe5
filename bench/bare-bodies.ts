import { readFileSync } from 'node:fs';

/** `/healthz`'s answer, as both bare servers and the app send it. */
export const HEALTHZ_BODY = '{"status":"ok"}';

/**
 * The answers a bare server sends, by path: `/healthz`, and the bodies the benchmark read from the
 * app (a JSON file `{ path: body }` named by the server's second argument), so the ceilings send the
 * same bytes as the app.
 */
export function bareBodies(file: string | undefined): Map<string, string> {
  const fromApp = file ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  return new Map([['/healthz', HEALTHZ_BODY], ...Object.entries(fromApp)]);
}
