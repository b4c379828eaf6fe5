import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_DOCS } from '../src/config';
import { TABLE_END, TABLE_START, withConfigTable } from '../scripts/config-docs';

const root = join(__dirname, '..');
const KEYS = Object.keys(CONFIG_DOCS);
/** A table row's cells, whatever Prettier's padding. */
const cells = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );

describe('configuration keys, documented once beside their schema', () => {
  test('when the README is read, then its table is the one generated from src/config.ts', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = (text: string) => text.slice(text.indexOf(TABLE_START), text.indexOf(TABLE_END));

    expect(cells(section(readme))).toEqual(cells(section(withConfigTable(readme))));
    expect(
      cells(section(readme))
        .slice(1)
        .map((row) => row[0]),
    ).toEqual(KEYS.map((key) => `\`${key}\``));
  });

  test('when .env.example is read, then it lists every key, and only those', () => {
    const listed = [
      ...readFileSync(join(root, '.env.example'), 'utf8').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm),
    ]
      .map((match) => match[1]!)
      .filter((key) => KEYS.includes(key) || !STACK_ONLY.has(key));

    expect([...new Set(listed)].sort()).toEqual([...KEYS].sort());
  });
});

/** Variables of the compose stack (passwords, ports, Alertmanager receivers), not of the app. */
const STACK_ONLY = new Set(
  ['docker-compose.yml', 'docker-compose.replicas.yml', 'docker-compose.events.yml']
    .flatMap((file) => [...readFileSync(join(root, file), 'utf8').matchAll(/\$\{([A-Z][A-Z0-9_]+)/g)])
    .map((match) => match[1]!)
    .filter((key) => !(key in CONFIG_DOCS)),
);
