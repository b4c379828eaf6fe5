import type { DataSource } from 'typeorm';
import { query } from './sql';
import { afterWrites } from './write-lock';

export type CachedRead = <T>(key: string, compute: () => Promise<T>) => Promise<T>;

/**
 * Answers computed from the database, kept until the next committed write anywhere (another process,
 * such as `npm run collect`, included): every write transaction bumps `data_version`, and each read
 * checks it first, so a cached answer always equals a fresh one.
 */
export function createReadCache(dataSource: DataSource, maxEntries = 2000): CachedRead {
  const entries = new Map<string, { version: number; value: unknown }>();
  return async <T>(key: string, compute: () => Promise<T>): Promise<T> => {
    await afterWrites(dataSource);
    const [row] = await query<{ version: number }>(
      dataSource.manager,
      'SELECT version FROM data_version WHERE id = 1',
    );
    const version = Number(row?.version);
    const hit = entries.get(key);
    if (hit && hit.version === version) return hit.value as T;
    const value = await compute();
    entries.delete(key);
    entries.set(key, { version, value });
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    return value;
  };
}
