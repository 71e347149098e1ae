import type { LockHolder, LockStore } from '../lock-store.ts';
import type { SqliteDatabase } from './database.ts';
import type { Migration } from './migrations.ts';
import { settle } from './settle.ts';

/** Schema version 5: named locks (listed in migrations.ts). */
export const lockMigration: Migration = {
  version: 5,
  name: 'named locks',
  up(db) {
    db.exec(`
      CREATE TABLE named_locks (
        name        TEXT PRIMARY KEY,
        owner       TEXT NOT NULL,
        acquired_at INTEGER NOT NULL,
        expires_at  INTEGER NOT NULL
      );
    `);
  },
};

interface Row {
  name: string;
  owner: string;
  acquired_at: number;
  expires_at: number;
}

/** The LockStore on SQLite: for several processes sharing one SQLite file on one machine. */
export function createSqliteLockStore(db: SqliteDatabase): LockStore {
  const acquire = db.prepare(
    `INSERT INTO named_locks (name, owner, acquired_at, expires_at)
     VALUES (@name, @owner, @now, @until)
     ON CONFLICT (name) DO UPDATE SET
       acquired_at = CASE WHEN owner = excluded.owner THEN acquired_at ELSE excluded.acquired_at END,
       owner = excluded.owner, expires_at = excluded.expires_at
     WHERE owner = excluded.owner OR expires_at <= excluded.acquired_at`,
  );
  const renew = db.prepare(
    `UPDATE named_locks SET expires_at = @until
     WHERE name = @name AND owner = @owner AND expires_at > @now`,
  );
  const release = db.prepare('DELETE FROM named_locks WHERE name = ? AND owner = ?');
  const holder = db.prepare('SELECT * FROM named_locks WHERE name = ? AND expires_at > ?');
  const times = (now: Date, ttlMs: number) => ({
    now: now.getTime(),
    until: now.getTime() + ttlMs,
  });
  return {
    acquire: (name, owner, ttlMs, now) =>
      settle(() => acquire.run({ name, owner, ...times(now, ttlMs) }).changes === 1),
    renew: (name, owner, ttlMs, now) =>
      settle(() => renew.run({ name, owner, ...times(now, ttlMs) }).changes === 1),
    release: (name, owner) => settle(() => release.run(name, owner).changes === 1),
    holder: (name, now) =>
      settle(() => toHolder(holder.get(name, now.getTime()) as Row | undefined)),
  };
}

function toHolder(row: Row | undefined): LockHolder | undefined {
  if (row === undefined) return undefined;
  return {
    name: row.name,
    owner: row.owner,
    acquiredAt: new Date(row.acquired_at),
    expiresAt: new Date(row.expires_at),
  };
}
