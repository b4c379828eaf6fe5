import { spec } from '../helpers/spec';
import { read } from './markdown';

/** Every operation the OpenAPI description holds, as `METHOD /path`. */
const described = Object.entries(spec.paths)
  .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
  .sort();

/** The operations a Markdown table lists in its first column (`GET /tweets?order_by...` is `GET /tweets`). */
function tabled(markdown: string): string[] {
  const start = markdown.indexOf('| method and path');
  const rows = markdown.slice(start).split('\n\n')[0]!.trim().split('\n').slice(2);
  const operations = rows.map((row) => /^\|\s*`([A-Z]+) ([^`?\s]+)/.exec(row)?.slice(1).join(' '));
  return [...new Set(operations.map((operation) => operation ?? 'a row that names no operation'))].sort();
}

describe('the API tables of the README and docs/api.md', () => {
  test.each(['README.md', 'docs/api.md'])(
    'when %s is read, then its table lists every described operation, and only those',
    (file) => {
      expect(tabled(read(file))).toEqual(described);
    },
  );

  test('when a table misses an operation, then the comparison shows it', () => {
    const table =
      '| method and path | answer |\n| --- | --- |\n| `GET /tweets` | posts |\n| `GET /tweets?limit=1` | one |\n';

    expect(tabled(table)).toEqual(['GET /tweets']);
    expect(described).toContain('DELETE /database');
  });
});
