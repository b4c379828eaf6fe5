import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export const ASYNCAPI_PATH = join(__dirname, '..', '..', 'docs', 'asyncapi.yaml');

const SCHEMA_OF_TYPE: Record<string, string> = {
  'post.stored': 'PostStoredEvent',
  'collection.finished': 'CollectionFinishedEvent',
  'stream.run.started': 'StreamRunStartedEvent',
  'stream.run.ended': 'StreamRunEndedEvent',
};

let validators: Map<string, ValidateFunction> | undefined;

/** The payload schemas of docs/asyncapi.yaml, compiled with their `$ref`s resolved in the document. */
function compiled(): Map<string, ValidateFunction> {
  if (validators) return validators;
  const document = parse(readFileSync(ASYNCAPI_PATH, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: 'asyncapi' });
  validators = new Map(
    Object.entries(SCHEMA_OF_TYPE).map(([type, schema]) => [
      type,
      ajv.compile({ $ref: `asyncapi#/components/schemas/${schema}` }),
    ]),
  );
  return validators;
}

/** Fails naming what differs when `event` is not what the AsyncAPI document describes for its type. */
export function expectValidEvent(event: object): void {
  const type = String((event as { type?: unknown }).type);
  const validate = compiled().get(type);
  if (!validate) throw new Error(`no payload schema for event type ${type}`);
  if (!validate(event)) {
    throw new Error(`${type} does not match docs/asyncapi.yaml: ${JSON.stringify(validate.errors)}`);
  }
}
