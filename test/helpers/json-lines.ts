import { PassThrough } from 'node:stream';

/** A stream to give the logger as its console, and the JSON lines written to it, parsed. */
export function jsonLineCapture(): { stream: PassThrough; lines: Record<string, unknown>[] } {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  stream.on('data', (chunk: Buffer) =>
    chunk
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .forEach((line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
  );
  return { stream, lines };
}
