import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { entities } from './models';
import { migrations } from './models/migrations';

export const IN_MEMORY = ':memory:';

/** Opens SQLite (WAL) and brings its schema up to date through the migrations. */
export async function openDatabase(databasePath: string): Promise<DataSource> {
  if (databasePath !== IN_MEMORY) mkdirSync(dirname(databasePath), { recursive: true });
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: databasePath,
    entities,
    migrations,
    migrationsRun: false,
    synchronize: false,
    enableWAL: databasePath !== IN_MEMORY,
    statementCacheSize: 200,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('cache_size = -32000');
    },
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

/** The database file plus its WAL, which holds recent writes until a checkpoint. */
export function databaseSizeBytes(databasePath: string): number {
  if (databasePath === IN_MEMORY) return 0;
  return ['', '-wal'].reduce((total, suffix) => {
    try {
      return total + statSync(databasePath + suffix).size;
    } catch {
      return total;
    }
  }, 0);
}
