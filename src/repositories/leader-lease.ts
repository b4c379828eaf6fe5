import type { Store } from './store';
import { read } from './read';
import { query } from './sql';
import { writeTransaction } from './write-lock';

export interface LeaseState {
  holder: string;
  expiresAt: number;
}

/** Lease bookkeeping is no data an answer shows: it leaves `data_version`, and so the read caches, alone. */
const BOOKKEEPING = { changesData: false };

/**
 * Takes or renews the lease `name` for `holder` until `now + ttlMs`, in one statement: the row is
 * written only when it is missing, already `holder`'s, or expired. Two replicas racing for an expired
 * lease both run it; the database serialises them and the second finds the first's fresh expiry.
 * `expiredBefore` (now, unless told) lets a caller take over exactly the expiry it read, as a
 * compare-and-set. True when `holder` holds the lease afterwards.
 */
export async function acquireLease(
  store: Store,
  lease: { name: string; holder: string; ttlMs: number; now: number; expiredBefore?: number },
): Promise<boolean> {
  const rows = await writeTransaction(
    store,
    (manager) =>
      query<{ holder: string }>(
        manager,
        `INSERT INTO leader_lease (name, holder, expires_at) VALUES (:name, :holder, :expiresAt)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
          WHERE leader_lease.holder = excluded.holder OR leader_lease.expires_at < :expiredBefore
         RETURNING holder`,
        {
          name: lease.name,
          holder: lease.holder,
          expiresAt: lease.now + lease.ttlMs,
          expiredBefore: lease.expiredBefore ?? lease.now,
        },
      ),
    BOOKKEEPING,
  );
  return rows.some((row) => row.holder === lease.holder);
}

/** Gives the lease up at once (a clean stop), so another replica need not wait for it to expire. */
export async function releaseLease(store: Store, name: string, holder: string): Promise<void> {
  await writeTransaction(
    store,
    (manager) =>
      query(manager, 'UPDATE leader_lease SET expires_at = 0 WHERE name = :name AND holder = :holder', {
        name,
        holder,
      }),
    BOOKKEEPING,
  );
}

/** The lease as stored, or undefined before anyone took it. */
export async function readLease(store: Store, name: string): Promise<LeaseState | undefined> {
  const [row] = await read<{ holder: string; expires_at: number | string }>(
    store,
    'SELECT holder, expires_at FROM leader_lease WHERE name = :name',
    { name },
  );
  return row && { holder: row.holder, expiresAt: Number(row.expires_at) };
}
