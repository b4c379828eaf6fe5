import { openStore } from '../src/service';
import { loadConfig } from '../src/config';
import { copyDatabase } from '../src/database/copy';

/**
 * `npm run migrate-to-postgres -- path/to/twitter.db`: copies every row of every table (posts, authors,
 * links, counters, collection state, events, stream runs) from the SQLite file into the empty
 * PostgreSQL database of DATABASE_URL, in one transaction. Stop the SQLite app first.
 */
async function main(): Promise<void> {
  const source = process.argv[2];
  if (!source) throw new Error('usage: npm run migrate-to-postgres -- path/to/twitter.db (DATABASE_URL set)');
  const config = loadConfig();
  if (!config.postgres) throw new Error('DATABASE_URL is not set: it names the PostgreSQL database to fill');
  const from = await openStore(source);
  const to = await openStore({ path: '', postgres: config.postgres });
  try {
    const copied = await copyDatabase(from.dataSource, to.dataSource);
    for (const [table, rows] of Object.entries(copied)) process.stdout.write(`${table}: ${rows} rows\n`);
  } finally {
    await from.close();
    await to.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
});
