import type { DataSource, EntityManager } from 'typeorm';

const ROWS_PER_STATEMENT = 500;

/**
 * Copies every entity table's rows from one database into another whose tables are empty, in one
 * transaction on the target (all or nothing), and sets PostgreSQL's sequences past the copied ids.
 * Returns the rows copied per table.
 */
export async function copyDatabase(from: DataSource, to: DataSource): Promise<Record<string, number>> {
  const copied: Record<string, number> = {};
  await to.transaction(async (manager) => {
    for (const metadata of to.entityMetadatas) {
      const table = metadata.tableName;
      const [{ rows } = { rows: 0 }] = await manager.query<{ rows: string }[]>(
        `SELECT COUNT(*) AS rows FROM ${table}`,
      );
      // data_version holds its one row from the migration: it is overwritten, nothing else may be.
      if (Number(rows) > 0 && table !== 'data_version')
        throw new Error(`${table} is not empty: copy into an empty database`);
      await manager.query(`DELETE FROM ${table}`);
      const columns = metadata.columns.map((column) => column.databaseName);
      copied[table] = await copyTable(
        from,
        manager,
        table,
        columns,
        metadata.primaryColumns.map((c) => c.databaseName),
      );
    }
    if (to.options.type === 'postgres') await resetSequences(manager);
  });
  return copied;
}

async function copyTable(
  from: DataSource,
  to: EntityManager,
  table: string,
  columns: string[],
  key: string[],
): Promise<number> {
  let total = 0;
  // Keyset order over the primary key: each chunk starts after the last, never rescanning (no OFFSET).
  let after: unknown[] | undefined;
  for (;;) {
    const [sql, parameters] = from.driver.escapeQueryWithParameters(
      `SELECT ${columns.join(', ')} FROM ${table}
       ${after ? `WHERE (${key.join(', ')}) > (${key.map((_, i) => `:k${i}`).join(', ')})` : ''}
       ORDER BY ${key.join(', ')} LIMIT ${ROWS_PER_STATEMENT}`,
      Object.fromEntries((after ?? []).map((value, i) => [`k${i}`, value])),
    );
    const rows = await from.query<Record<string, unknown>[]>(sql, parameters);
    if (rows.length === 0) return total;
    const values: unknown[] = [];
    const tuples = rows.map(
      (row) =>
        `(${columns.map((column) => to.connection.driver.createParameter('v', values.push(row[column]) - 1)).join(', ')})`,
    );
    await to.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
    total += rows.length;
    const last = rows[rows.length - 1]!;
    after = key.map((column) => last[column]);
  }
}

/** Serial columns continue after the largest copied value, so new rows never collide with copied ones. */
async function resetSequences(manager: EntityManager): Promise<void> {
  for (const metadata of manager.connection.entityMetadatas) {
    for (const column of metadata.generatedColumns) {
      await manager.query(
        `SELECT setval(pg_get_serial_sequence('${metadata.tableName}', '${column.databaseName}'), COALESCE((SELECT MAX(${column.databaseName}) FROM ${metadata.tableName}), 0) + 1, false)`,
      );
    }
  }
}
