import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AREAS } from '../src/config';
import { settingsOf } from '../src/config/setting';
import { CONFIGURATION_DOC, ENV_EXAMPLE, configurationDoc, envExample } from '../scripts/config-docs';

const root = join(__dirname, '..');
const KEYS = AREAS.flatMap((area) => settingsOf(area.fields)).map((setting) => setting.env);
/** A table row's cells, whatever Prettier's padding. */
const rows = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );

describe('configuration docs, generated from the settings in src/config/', () => {
  test('when docs/configuration.md is read, then it is what npm run docs:config writes', () => {
    expect(readFileSync(CONFIGURATION_DOC, 'utf8')).toBe(configurationDoc());
  });

  test('when docs/configuration.md is read, then each variable has one row, the secret ones marked', () => {
    const variables = rows(readFileSync(CONFIGURATION_DOC, 'utf8'))
      .map((cells) => cells[0]!)
      .filter((cell) => cell !== 'variable');

    expect(variables.map((cell) => cell.replace(/`| \*\*secret\*\*/g, ''))).toEqual(KEYS);
    expect(variables.filter((cell) => cell.endsWith('**secret**'))).toEqual([
      '`ADMIN_TOKEN` **secret**',
      '`DATABASE_URL` **secret**',
      '`TWITTER_BEARER_TOKEN` **secret**',
      '`TWITTER_CONSUMER_KEY` **secret**',
      '`TWITTER_CONSUMER_SECRET` **secret**',
      '`NATS_URL` **secret**',
    ]);
  });

  test('when .env.example is read, then its part before the compose stack is what npm run docs:config writes', () => {
    const example = readFileSync(ENV_EXAMPLE, 'utf8');

    expect(example).toBe(envExample(example));
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
    .filter((key) => !KEYS.includes(key)),
);
