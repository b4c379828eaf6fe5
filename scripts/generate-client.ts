import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { CLIENT_SCHEMA, clientSchemaSource } from './typescript-client';

/** Writes clients/typescript/schema.d.ts, or the file given, formatted as the repository is. */
async function main(): Promise<void> {
  const output = resolve(process.argv[2] ?? CLIENT_SCHEMA);
  const options = await resolveConfig(CLIENT_SCHEMA);
  writeFileSync(output, await format(await clientSchemaSource(), { ...options, filepath: CLIENT_SCHEMA }));
  process.stdout.write(`wrote ${output}\n`);
}

void main();
