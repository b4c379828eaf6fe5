import { RetainingDatabase } from '../../src/sqlite-driver';

/** Another connection (as `npm run collect` would be) holding SQLite's write lock until released. */
export function holdWriteLock(databasePath: string): { release(): void } {
  const other = new RetainingDatabase(databasePath);
  other.exec('BEGIN IMMEDIATE');
  return {
    release() {
      if (!other.open) return;
      other.exec('COMMIT');
      other.close();
    },
  };
}
