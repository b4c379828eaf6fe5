import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { AREAS } from '../src/config';
import { settingsOf, type Area, type Setting } from '../src/config/setting';

const ROOT = join(__dirname, '..');
export const CONFIGURATION_DOC = join(ROOT, 'docs', 'configuration.md');
export const ENV_EXAMPLE = join(ROOT, '.env.example');
/** `.env.example` from this line on is the compose stack's, written by hand and kept as it is. */
export const STACK_PART_START = '# --- The docker compose stack';

const INTRO = `<!-- Generated from src/config/ by \`npm run docs:config\`: edit the settings there, not this file. -->

# Configuration

Environment variables, or a \`.env\` file (copy [\`.env.example\`](../.env.example), which lists each).
They are parsed and validated once at start; a bad value stops the process with one line naming the
variable and what is allowed, e.g. \`Invalid PORT="abc": expected an integer from 0 to 65535\`. An
empty variable counts as unset. A variable marked **secret** never appears in an error message or a log
line.`;

/** docs/configuration.md: one table per area, Prettier-formatted as the repository keeps it. */
export function configurationDoc(): string {
  return formatted([INTRO, ...AREAS.map(areaSection)].join('\n\n'), CONFIGURATION_DOC);
}

function areaSection(area: Area): string {
  const rows = settingsOf(area.fields).map(
    (setting) =>
      `| \`${setting.env}\`${setting.isSecret ? ' **secret**' : ''} | ${setting.shownDefault} | ${setting.doc} |`,
  );
  const table = ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
  return `## ${area.title}\n\n${area.about}\n\n${table}`;
}

const ENV_HEADER = `# twitter-api configuration. Copy to .env and edit; every variable is optional, and an empty one
# counts as unset. The app reads .env at start (dotenv); real environment variables win over it.
# Generated from src/config/ by npm run docs:config, down to the compose stack's part;
# docs/configuration.md has the same in tables.`;

/** .env.example: each variable with its meaning and default, then the compose stack's part of \`current\`. */
export function envExample(current: string): string {
  const stackStart = current.indexOf(STACK_PART_START);
  if (stackStart < 0) throw new Error(`.env.example needs a line starting ${STACK_PART_START}`);
  return [ENV_HEADER, ...AREAS.map(envSection), current.slice(stackStart)].join('\n\n');
}

function envSection(area: Area): string {
  const lines = [`# --- ${area.title} ---`, ...comment(area.about), ''];
  for (const setting of settingsOf(area.fields)) lines.push(...comment(envDoc(setting)), envLine(setting));
  return lines.join('\n');
}

function envDoc(setting: Setting<unknown>): string {
  const shownDefault =
    setting.exampleValue === '' && setting.shownDefault !== '-' ? ` Default: ${setting.shownDefault}.` : '';
  const secret = setting.isSecret ? ' Secret: never logged.' : '';
  const sentence = setting.doc.endsWith('.') ? setting.doc : `${setting.doc}.`;
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}${shownDefault}${secret}`;
}

const envLine = (setting: Setting<unknown>) => `${setting.env}=${setting.exampleValue}`;

/** Markdown as comment lines of at most 100 characters, without its code marks. */
function comment(markdown: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of markdown.replaceAll('`', '').split(/\s+/)) {
    if (line.length + 1 + word.length > width && line !== '#') {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}

function formatted(text: string, path: string): string {
  const prettier = spawnSync(join(ROOT, 'node_modules', '.bin', 'prettier'), ['--stdin-filepath', path], {
    input: text,
    encoding: 'utf8',
  });
  if (prettier.status !== 0) throw new Error(`prettier failed on ${path}: ${prettier.stderr}`);
  return prettier.stdout;
}
