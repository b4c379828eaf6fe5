import { format, type Logform } from 'winston';

const MESSAGE = Symbol.for('message');
const LEVEL = Symbol.for('level');

/** Fields every line has, or that the line's head already shows. */
const SHOWN_ELSEWHERE = new Set([
  '@timestamp',
  'log.level',
  'message',
  'ecs.version',
  'service.name',
  'event.dataset',
  'error.stack_trace',
]);
const COLOURS: Record<string, string> = { error: '31', warn: '33', info: '32', debug: '90' };

const bigIntsAsText = (_key: string, value: unknown) => (typeof value === 'bigint' ? String(value) : value);

function shown(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value, bigIntsAsText) ?? String(value);
}

/**
 * For a person at a terminal: `12:00:01.123 INFO  message  key=value ...`, the level coloured, and
 * an error's stack on the lines below. The fields are the JSON line's, ECS names and all.
 */
export function prettyLine(options: { colours: boolean }): Logform.Format {
  return format((info) => {
    const fields = info as unknown as Record<string | symbol, unknown>;
    const level = String(fields[LEVEL] ?? fields['log.level']);
    const time = String(fields['@timestamp']).slice(11, 23);
    const label = level.toUpperCase().padEnd(5);
    const head = options.colours ? `\x1b[${COLOURS[level] ?? '0'}m${label}\x1b[0m` : label;
    const rest = Object.entries(fields)
      .filter(([key]) => !SHOWN_ELSEWHERE.has(key))
      .map(([key, value]) => `${key}=${shown(value)}`);
    const stack = fields['error.stack_trace'];
    fields[MESSAGE] = [
      `${time} ${head} ${String(fields.message)}${rest.length ? `  ${rest.join(' ')}` : ''}`,
      ...(typeof stack === 'string' ? [stack.replace(/^/gm, '    ')] : []),
    ].join('\n');
    return info;
  })();
}
