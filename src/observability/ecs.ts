import { serialiseError } from './serialise-error';

/** The ECS version whose field names the lines use (ECS fields as in Elastic's ecs-logging spec). */
export const ECS_VERSION = '8.11.0';

/**
 * Top-level names ECS keeps for its own field sets. Elasticsearch maps each as an object, so an app
 * field of that name holding a word (`source: 'sample'`) would get the whole line rejected: such a
 * field moves to `twitter_api.<name>`. `tags` and `labels` are left: ECS types them as our values.
 */
const ECS_FIELD_SETS = new Set([
  'agent',
  'as',
  'client',
  'cloud',
  'code_signature',
  'container',
  'data_stream',
  'destination',
  'device',
  'dll',
  'dns',
  'ecs',
  'elf',
  'email',
  'error',
  'event',
  'faas',
  'file',
  'geo',
  'group',
  'hash',
  'host',
  'http',
  'interface',
  'log',
  'macho',
  'network',
  'observer',
  'orchestrator',
  'organization',
  'os',
  'package',
  'pe',
  'process',
  'registry',
  'related',
  'risk',
  'rule',
  'server',
  'service',
  'source',
  'span',
  'threat',
  'tls',
  'trace',
  'transaction',
  'url',
  'user',
  'user_agent',
  'vlan',
  'volume',
  'vulnerability',
  'x509',
]);

export const CUSTOM_NAMESPACE = 'twitter_api';

type Fields = Record<string, unknown>;

/** `error.*` of ECS from what a line was given as its error: an Error, a word, or an Error made plain. */
export function ecsError(value: unknown): Fields {
  const error = value instanceof Error ? serialiseError(value) : value;
  if (typeof error !== 'object' || error === null) return { 'error.message': String(error) };
  const { name, message, stack, code, cause } = error as Fields;
  return {
    ...(name !== undefined && { 'error.type': name }),
    'error.message': message ?? JSON.stringify(error),
    ...(stack !== undefined && { 'error.stack_trace': stack }),
    ...(code !== undefined && { 'error.code': codeText(code) }),
    // ECS has no cause: it is kept as text, the cause's own message and code first.
    ...(cause !== undefined && { 'error.cause': describeCause(cause) }),
  };
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return typeof cause === 'string' ? cause : JSON.stringify(cause);
  const code = (cause as { code?: unknown }).code;
  const head = `${cause.name}: ${cause.message}${code === undefined ? '' : ` (${codeText(code)})`}`;
  return cause.cause === undefined ? head : `${head}; caused by ${describeCause(cause.cause)}`;
}

/**
 * One line's fields in ECS names, dotted at the top level as ecs-logging writes them (Elasticsearch
 * reads `event.action` and `{ event: { action } }` alike; Logstash passes the names through):
 * the app's `event` is `event.action`, its `error` is `error.*`, and app fields named like an ECS
 * field set move under `twitter_api.`. Every other field (ECS ones the caller wrote, like
 * `http.response.status_code`, and the app's own, like `tag` or `request_id`) stays as it is.
 */
export function ecsFields(fields: Fields): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (key === 'event' && typeof value === 'string') out['event.action'] = value;
    // A tag's summary says `error: null` when it succeeded: no error fields then.
    else if (key === 'error') Object.assign(out, value === null ? {} : ecsError(value));
    else if (ECS_FIELD_SETS.has(key)) out[`${CUSTOM_NAMESPACE}.${key}`] = value;
    else out[key] = value;
  }
  return out;
}

/** Error codes are strings or numbers (Node's `ECONNRESET`, SQLite's `SQLITE_BUSY`, HTTP statuses); anything else as JSON. */
function codeText(code: unknown): string {
  return typeof code === 'string' || typeof code === 'number' ? String(code) : JSON.stringify(code);
}
