import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { schemaValidator, type SpecOperation } from './spec';

export interface FuzzRequest {
  parameters: { name: string; in: string; value: string }[];
  extra?: [string, string];
  body?: string;
  token: 'admin' | 'none' | 'wrong';
}

// Parameters travel as text: an integer parameter's "12" is the integer 12, as the document means it.
const ajv = new Ajv2020({ strict: false, coerceTypes: true });
addFormats(ajv);
const compiled = new Map<object, ValidateFunction>();

function parameterAllows(schema: object, value: string): boolean {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile({ type: 'object', properties: { value: schema } });
    compiled.set(schema, validate);
  }
  return validate({ value });
}

/** Whether the document refuses this request: a parameter or a body its schemas do not allow. */
export function refusedByDocument(operation: SpecOperation, request: FuzzRequest): boolean {
  const parameters = operation.parameters ?? [];
  for (const { name, value } of request.parameters) {
    const parameter = parameters.find((candidate) => candidate.name === name)!;
    if (!parameterAllows(parameter.schema, value)) return true;
  }
  if (request.body === undefined) return false;
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    return true;
  }
  return !schemaValidator(operation.requestBody!.content['application/json']!.schema!)(body);
}
