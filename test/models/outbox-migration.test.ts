import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/service';
import type { Store } from '../../src/repositories/store';
import { eventsOf } from '../../src/events/cloud-events';
import { readOutbox } from '../../src/repositories/outbox';
import { query } from '../../src/repositories/sql';
import { testDatabaseSettings } from '../helpers/database';

/** Events waiting in the outbox of one row per event, as it was before a row held a whole write. */
const OLD_ROWS = [
  { id: '0b0c1d2e-0000-4000-8000-000000000001', subject: 'twitter.posts.devops', payload: '{"n":"a\\nb"}' },
  { id: '0b0c1d2e-0000-4000-8000-000000000002', subject: 'twitter.runs', payload: '{"n":2}' },
];

describe('the migration to one outbox row per write, with events waiting', () => {
  let dir: string;
  let store: Store;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'outbox-migration-'));
    store = await openStore(await testDatabaseSettings(join(dir, 'old.db')));
    const applied = async () =>
      (await query<{ name: string }>(store.dataSource.manager, 'SELECT name FROM migrations')).map(
        (row) => row.name,
      );
    while ((await applied()).some((name) => name.startsWith('OutboxRowPerWrite')))
      await store.dataSource.undoLastMigration({ transaction: 'each' });
    for (const row of OLD_ROWS) {
      await query(
        store.dataSource.manager,
        "INSERT INTO outbox (id, subject, payload, created_at) VALUES (:id, :subject, :payload, '2026-11-29T20:00:00.000Z')",
        row,
      );
    }
    await store.dataSource.runMigrations({ transaction: 'each' });
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the outbox is migrated, then each waiting event is a row of one, published as it was written', async () => {
    const { rows } = await readOutbox(store, 1000);
    expect(rows.map((row) => row.events)).toEqual([1, 1]);
    expect(rows.flatMap((row) => eventsOf('twitter', row))).toEqual(OLD_ROWS);
  });

  it('when a row of a write is there, then reverting is refused rather than losing its events', async () => {
    await query(
      store.dataSource.manager,
      "INSERT INTO outbox (events, ids, change, created_at) VALUES (1, 'x', :change, '2026-11-29T20:00:00.000Z')",
      { change: JSON.stringify({ kind: 'collection.finished', summary: {} }) },
    );
    // The migrations after it are undone first, so the undo tried is that of OutboxRowPerWrite.
    const last = async () =>
      (
        await query<{ name: string }>(
          store.dataSource.manager,
          'SELECT name FROM migrations ORDER BY timestamp DESC',
        )
      )[0]!.name;
    while (!(await last()).startsWith('OutboxRowPerWrite'))
      await store.dataSource.undoLastMigration({ transaction: 'each' });
    await expect(store.dataSource.undoLastMigration({ transaction: 'each' })).rejects.toThrow(
      'the outbox holds rows of the new kind: let the relay publish them before reverting',
    );
  });
});
