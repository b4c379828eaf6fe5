import type { EntityManager } from 'typeorm';

/**
 * Runs SQL written with `:name` parameters; the driver rewrites them to its own placeholders
 * (`?` for SQLite, `$1` for PostgreSQL), so queries stay portable.
 */
export function query<T = Record<string, unknown>>(
  manager: EntityManager,
  sql: string,
  parameters: Record<string, unknown> = {},
): Promise<T[]> {
  const [text, values] = manager.connection.driver.escapeQueryWithParameters(sql, parameters);
  return manager.query(text, values);
}

/** `(:p0, :p1), (:p2, :p3)` and its parameters, for multi-row VALUES lists. */
export function valuesList(rows: unknown[][], prefix = 'p'): { sql: string; parameters: Record<string, unknown> } {
  const parameters: Record<string, unknown> = {};
  let index = 0;
  const sql = rows
    .map((row) => `(${row.map((value) => {
      const name = `${prefix}${index++}`;
      parameters[name] = value;
      return `:${name}`;
    }).join(', ')})`)
    .join(', ');
  return { sql, parameters };
}

/** Splits rows so a statement stays well under every database's parameter limit. */
export function chunk<T>(items: T[], size = 200): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
