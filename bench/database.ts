import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/service';
import type { Store } from '../src/repositories/store';
import { type DatabaseSettings } from '../src/database';
import { createScratchDatabase, postgresSettings } from '../scripts/scratch-postgres';
import { ingestRaw, ingestRawPostgres, type IngestResult } from './ingest';

export type BenchDialect = 'sqlite' | 'postgres';

/**
 * Where one measured size lives: the app's database (migrated, for the app's ingest path and the
 * server), a second empty one with the same schema for the raw baseline, and how to drop both.
 */
export interface BenchDatabase {
  /** what the raw baseline inserts with, for the report */
  rawLabel: string;
  open(): Promise<Store>;
  /** the same rows inserted without the app, into the second database (dropped once measured) */
  ingestRaw(posts: number): Promise<IngestResult>;
  /** `work` on another empty database with the same schema, dropped afterwards */
  withSpare<T>(work: (store: Store) => Promise<T>): Promise<T>;
  /** after the ingest, before the loads: what the database would otherwise do in the background */
  settle(store: Store): Promise<void>;
  /** the environment that points the built app at the app's database */
  serverEnv: Record<string, string>;
  dispose(): Promise<void>;
}

export const RAW_LABELS: Record<BenchDialect, string> = {
  sqlite: 'raw better-sqlite3 (prepared inserts, one transaction)',
  postgres: 'raw pg (multi-row INSERTs, one transaction)',
};

/** A fresh pair of databases for one measured size: two SQLite files, or two scratch PostgreSQL databases. */
export async function createBenchDatabase(dialect: BenchDialect): Promise<BenchDatabase> {
  return dialect === 'postgres' ? postgresPair() : sqlitePair();
}

function sqlitePair(): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'twitter-api-bench-'));
  const app = join(dir, 'bench.db');
  const raw = join(dir, 'raw.db');
  let spares = 0;
  return {
    rawLabel: RAW_LABELS.sqlite,
    open: () => openStore(app),
    async ingestRaw(posts) {
      await (await openStore(raw)).close();
      return ingestRaw(raw, posts);
    },
    async withSpare(work) {
      const path = join(dir, `spare-${spares++}.db`);
      return onDatabase(await openStore(path), work);
    },
    settle: () => Promise.resolve(),
    serverEnv: { DATABASE_PATH: app },
    dispose: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

async function postgresPair(): Promise<BenchDatabase> {
  const app = await createScratchDatabase('bench');
  const raw = await createScratchDatabase('bench_raw');
  const settings = (url: string): DatabaseSettings => ({ path: '', postgres: postgresSettings(url) });
  return {
    rawLabel: RAW_LABELS.postgres,
    open: () => openStore(settings(app.url)),
    async ingestRaw(posts) {
      await (await openStore(settings(raw.url))).close();
      const result = await ingestRawPostgres(raw.url, posts);
      // Its autovacuum would otherwise run during the loads.
      await raw.drop();
      return result;
    },
    async withSpare(work) {
      const spare = await createScratchDatabase('bench_spare');
      try {
        return await onDatabase(await openStore(settings(spare.url)), work);
      } finally {
        await spare.drop();
      }
    },
    // Autovacuum's first pass over the rows just ingested (visibility map, statistics) would otherwise
    // run during the loads: measure the steady state it leaves.
    settle: async (store) => {
      await store.dataSource.query('VACUUM (ANALYZE)');
    },
    serverEnv: { DATABASE_URL: app.url },
    dispose: async () => {
      await Promise.all([app.drop(), raw.drop()]);
    },
  };
}

async function onDatabase<T>(store: Store, work: (store: Store) => Promise<T>): Promise<T> {
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
