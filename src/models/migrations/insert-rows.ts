import type { QueryRunner } from 'typeorm';

/** Rows into `table (columns)`, 200 per INSERT, with the dialect's placeholders (`?` or `$n`). */
export async function insertRows(
  queryRunner: QueryRunner,
  into: string,
  rows: unknown[][],
  placeholder: (n: number) => string,
): Promise<void> {
  for (let start = 0; start < rows.length; start += 200) {
    const part = rows.slice(start, start + 200);
    let n = 0;
    const values = part.map((row) => `(${row.map(() => placeholder((n += 1))).join(', ')})`);
    await queryRunner.query(`INSERT INTO ${into} VALUES ${values.join(', ')}`, part.flat());
  }
}
