import { EntitySchema } from 'typeorm';

/**
 * A lease naming the one replica that holds a role (`collector`: runs the scheduled collections and
 * the ones asked for through the database). Its holder renews it before `expiresAt`; once that has
 * passed, any replica may take it with one conditional upsert (repositories/leader-lease.ts).
 */
export interface LeaderLease {
  name: string;
  /** HOSTNAME, pid and a random part: a restarted process is a new holder */
  holder: string;
  /** epoch milliseconds (an integer in both databases, compared without any date function) */
  expiresAt: number;
}

export const LeaderLeaseEntity = new EntitySchema<LeaderLease>({
  name: 'LeaderLease',
  tableName: 'leader_lease',
  columns: {
    name: { type: 'varchar', length: 40, primary: true },
    holder: { type: 'varchar', length: 200 },
    expiresAt: { name: 'expires_at', type: 'bigint' },
  },
});
