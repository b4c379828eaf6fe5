import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withConfigTable } from './config-docs';

/** `npm run docs:config`: rewrites the README's configuration table from src/config.ts, then Prettier aligns it. */
const README = join(__dirname, '..', 'README.md');
writeFileSync(README, withConfigTable(readFileSync(README, 'utf8')));
spawnSync(join(__dirname, '..', 'node_modules', '.bin', 'prettier'), ['--write', README], {
  stdio: 'inherit',
});
