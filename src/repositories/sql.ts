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

/**
 * Runs an INSERT with a multi-row VALUES list, `VALUES $rows` in the SQL. The placeholders are the
 * driver's own (`?` for SQLite, `$1` for PostgreSQL), written directly: the ingest path's statements
 * carry hundreds of values, and rewriting named ones costs more than the insert.
 */
export function insertRows<T = Record<string, unknown>>(
  manager: EntityManager,
  sql: string,
  rows: unknown[][],
): Promise<T[]> {
  const { driver } = manager.connection;
  const parameters: unknown[] = [];
  const values = rows
    .map(
      (row) => `(${row.map((value) => driver.createParameter('v', parameters.push(value) - 1)).join(', ')})`,
    )
    .join(', ');
  return manager.query(sql.replace('$rows', values), parameters);
}

/** Splits rows so a statement stays well under every database's parameter limit. */
export function chunk<T>(items: T[], size = 200): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/**
 * The values of keyed entries in key order: concurrent writers (several processes on PostgreSQL) then
 * lock the rows they share in the same order, so they wait for each other instead of deadlocking.
 */
export function inKeyOrder<T>(entries: Iterable<[string, T]>): T[] {
  return [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
}

/** `pg` answers an UPDATE ... RETURNING with `[rows, count]`; SQLite with the rows. */
export function rowsOf<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as T[];
  return result as T[];
}
