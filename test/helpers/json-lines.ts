import { PassThrough, type Readable } from 'node:stream';

/** Calls `onLine` with each JSON line `readable` carries, a line split across chunks included. */
export function onJsonLines(readable: Readable, onLine: (line: Record<string, unknown>) => void): void {
  let buffer = '';
  readable.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) if (line.trim()) onLine(JSON.parse(line) as Record<string, unknown>);
  });
}

/** A stream to give the logger as its console, and the JSON lines written to it, parsed. */
export function jsonLineCapture(): { stream: PassThrough; lines: Record<string, unknown>[] } {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  onJsonLines(stream, (line) => lines.push(line));
  return { stream, lines };
}
