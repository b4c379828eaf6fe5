import fc from 'fast-check';

export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

/** Values a JSON Schema of the description allows (the keywords its parameters and bodies use). */
export function validValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(schema.items ?? {}), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 5, 5),
      });
    case 'object':
      return fc.record(
        Object.fromEntries(
          Object.entries(schema.properties ?? {}).map(([key, value]) => [key, validValue(value)]),
        ),
        { requiredKeys: schema.required ?? [] },
      );
    default:
      return validString(schema);
  }
}

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  const { minLength = 0, maxLength = Infinity } = schema;
  const strings = schema.pattern
    ? fc.stringMatching(new RegExp(schema.pattern, 'u'))
    : fc.string({ unit: 'grapheme', minLength, maxLength: Math.min(maxLength, 40) });
  // JSON Schema counts lengths in code points.
  return strings.filter((text) => [...text].length >= minLength && [...text].length <= maxLength);
}

/** Any text a client might send in a query parameter, allowed or not. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1.5',
    '1e3',
    '1001',
    '99999999999999999999',
    '%',
    '#',
    'null',
    'a'.repeat(600),
  ),
);

/**
 * Text a header can carry: visible ASCII (fetch refuses control characters in a header), without
 * the spaces around it that fetch strips, so that the value checked is the value sent.
 */
export const anyHeaderText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).map((text) => text.trim()),
  fc.constantFrom('0', '-1', '9999999999999999', 'W/"x"', '*'),
);
