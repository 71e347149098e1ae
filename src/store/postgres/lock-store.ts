import type { LockHolder, LockStore } from '../lock-store.ts';
import { changed, rowsOf, type PgPool } from './pool.ts';

const ACQUIRE = `INSERT INTO named_locks AS l (name, owner, acquired_at, expires_at)
  VALUES ($1, $2, $3, $4)
  ON CONFLICT (name) DO UPDATE SET
    acquired_at = CASE WHEN l.owner = excluded.owner THEN l.acquired_at ELSE excluded.acquired_at END,
    owner = excluded.owner, expires_at = excluded.expires_at
  WHERE l.owner = excluded.owner OR l.expires_at <= excluded.acquired_at`;

/** The LockStore on PostgreSQL: one row per lock, taken and renewed in single statements. */
export function createPgLockStore(pool: PgPool): LockStore {
  const until = (now: Date, ttlMs: number) => new Date(now.getTime() + ttlMs);
  return {
    acquire: async (name, owner, ttlMs, now) =>
      (await changed(pool, ACQUIRE, [name, owner, now, until(now, ttlMs)])) === 1,
    renew: async (name, owner, ttlMs, now) =>
      (await changed(
        pool,
        `UPDATE named_locks SET expires_at = $3
         WHERE name = $1 AND owner = $2 AND expires_at > $4`,
        [name, owner, until(now, ttlMs), now],
      )) === 1,
    release: async (name, owner) =>
      (await changed(pool, 'DELETE FROM named_locks WHERE name = $1 AND owner = $2', [
        name,
        owner,
      ])) === 1,
    holder: async (name, now) => {
      const [row] = await rowsOf<{
        name: string;
        owner: string;
        acquired_at: Date;
        expires_at: Date;
      }>(pool, 'SELECT * FROM named_locks WHERE name = $1 AND expires_at > $2', [name, now]);
      return row === undefined ? undefined : toHolder(row);
    },
  };
}

function toHolder(row: {
  name: string;
  owner: string;
  acquired_at: Date;
  expires_at: Date;
}): LockHolder {
  return {
    name: row.name,
    owner: row.owner,
    acquiredAt: row.acquired_at,
    expiresAt: row.expires_at,
  };
}
