import { CONFIG_DOCS } from '../src/config';

export const TABLE_START =
  '<!-- configuration table: generated from CONFIG_DOCS in src/config.ts by npm run docs:config -->';
export const TABLE_END = '<!-- end of configuration table -->';

/** The README's configuration table, one row per variable, from the docs beside the schema. */
export function configTable(): string {
  const rows = Object.entries(CONFIG_DOCS).map(
    ([name, doc]) => `| \`${name}\` | ${doc.default} | ${doc.meaning} |`,
  );
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/** README text with the table between its markers replaced. */
export function withConfigTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`README.md needs the markers ${TABLE_START} and ${TABLE_END}`);
  return `${readme.slice(0, start + TABLE_START.length)}\n\n${configTable()}\n\n${readme.slice(end)}`;
}
