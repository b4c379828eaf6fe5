import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildOpenApiDocument } from '../src/resources/openapi/document';

/** Writes the document /openapi.json serves to the file given (default .tmp/openapi.json), for outside tools. */
const output = resolve(process.argv[2] ?? '.tmp/openapi.json');
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
