import { format, type Logform } from 'winston';
import { ECS_VERSION, ecsFields } from './ecs';
import { createRedactor, isSecretKey, REDACTED } from './redact';
import { currentLogFields } from './request-context';
import { serialiseError } from './serialise-error';

/**
 * Fields the ambient (AsyncLocalStorage) context gives every line written inside it; a field given
 * with the line wins. Another context (a collection run, say) adds its provider here.
 */
const AMBIENT_CONTEXT: (() => Record<string, unknown> | undefined)[] = [
  // request_id of the request being served; run_id and tag of the collection run (request-context.ts)
  currentLogFields,
];

export function ambientFields(): Record<string, unknown> {
  return Object.assign({}, ...AMBIENT_CONTEXT.map((provider) => provider() ?? {})) as Record<string, unknown>;
}

/**
 * `logger.error(err)` hands winston the Error itself as the line, and JSON would skip its message
 * and stack: the line gets the error's message, and the error under `error`.
 */
const errorAsLine = format((info) => {
  if (!(info instanceof Error)) return info;
  return Object.assign({}, info, { message: info.message, error: serialiseError(info) });
});

/**
 * The line in the Elastic Common Schema: `@timestamp`, `log.level` and `message` first, then
 * `ecs.version`, `service.name`, `event.dataset`, the ambient context and the line's own fields.
 * Winston's `level` leaves the object (transports filter on the LEVEL symbol, kept).
 */
const ecsLine = (serviceName: string) =>
  format((info) => {
    const { level, message, ...fields } = info;
    const line: Logform.TransformableInfo = {
      '@timestamp': new Date().toISOString(),
      'log.level': level,
      message,
      'ecs.version': ECS_VERSION,
      'service.name': serviceName,
      'event.dataset': `${serviceName}.log`,
      ...ecsFields({ ...ambientFields(), ...fields }),
    } as unknown as Logform.TransformableInfo;
    for (const symbol of Object.getOwnPropertySymbols(info)) {
      (line as unknown as Record<symbol, unknown>)[symbol] = (info as unknown as Record<symbol, unknown>)[
        symbol
      ];
    }
    return line;
  });

/** Every field through the redactor: secrets masked, Errors made plain. */
function redacted(redact: (value: unknown) => unknown): Logform.Format {
  return format((info) => {
    for (const key of Object.keys(info)) info[key] = isSecretKey(key) ? REDACTED : redact(info[key]);
    return info;
  })();
}

/** The fields of every line, redacted; the console and Logstash transports then write them. */
export function lineFields(secrets: readonly string[], serviceName: string): Logform.Format {
  return format.combine(errorAsLine(), ecsLine(serviceName)(), redacted(createRedactor(secrets)));
}

/** One ECS JSON object per line, as Logstash and any log shipper reads it. */
export function jsonLine(): Logform.Format {
  return format.json();
}
