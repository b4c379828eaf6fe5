import { format, type Logform } from 'winston';
import { createRedactor, isSecretKey, REDACTED } from './redact';
import { currentLogFields } from './request-context';
import { serialiseError } from './serialise-error';

/** The request being served, the collection run and its tag, when there are; ids given with the line win. */
const logContext = format((info) => {
  for (const [key, value] of Object.entries(currentLogFields())) {
    if (info[key] === undefined) info[key] = value;
  }
  return info;
});

/**
 * `logger.error(err)` hands winston the Error itself as the line, and JSON would skip its message
 * and stack: the line gets the error's message, and the error under `error`.
 */
const errorAsLine = format((info) => {
  if (!(info instanceof Error)) return info;
  return Object.assign({}, info, { message: info.message, error: serialiseError(info) });
});

/** Every field but the level through the redactor: secrets masked, Errors made plain. */
function redacted(redact: (value: unknown) => unknown): Logform.Format {
  return format((info) => {
    for (const key of Object.keys(info)) {
      if (key !== 'level') info[key] = isSecretKey(key) ? REDACTED : redact(info[key]);
    }
    return info;
  })();
}

/** One JSON object per line: timestamp (ISO, UTC, ms), level, message, request_id, run_id, tag and the metadata. */
export function lineFormat(secrets: readonly string[]): Logform.Format {
  return format.combine(
    errorAsLine(),
    format.timestamp(),
    logContext(),
    redacted(createRedactor(secrets)),
    format.json(),
  );
}
