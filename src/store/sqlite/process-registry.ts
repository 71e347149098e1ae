import type { EnterResult, ProcessEntry, ProcessRegistry } from '../process-registry.ts';
import { writeTransaction, type SqliteDatabase } from './database.ts';
import { settle } from './settle.ts';

interface Row {
  id: string;
  pid: number;
  host: string;
  started_at: number;
  heartbeat_at: number;
  expires_at: number;
}

/** The process registry on SQLite (table `processes`, migration 9). */
export function createSqliteProcessRegistry(db: SqliteDatabase): ProcessRegistry {
  const q = {
    live: db.prepare(
      'SELECT * FROM processes WHERE expires_at > ? AND id <> ? ORDER BY started_at',
    ),
    upsert: db.prepare(
      `INSERT INTO processes (id, pid, host, started_at, heartbeat_at, expires_at)
       VALUES (@id, @pid, @host, @now, @now, @until)
       ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at,
         expires_at = excluded.expires_at`,
    ),
    beat: db.prepare('UPDATE processes SET heartbeat_at = ?, expires_at = ? WHERE id = ?'),
    all: db.prepare('SELECT * FROM processes ORDER BY started_at, id'),
    forget: db.prepare('DELETE FROM processes WHERE id = ?'),
  };
  const enter = writeTransaction(
    db,
    (
      me: { id: string; pid: number; host: string },
      now: number,
      until: number,
      options: { alone: boolean; gone?: readonly string[] },
    ): EnterResult => {
      if (options.alone) {
        const gone = new Set(options.gone ?? []);
        const others = (q.live.all(now, me.id) as Row[]).filter((r) => !gone.has(r.id));
        const holder = others[0];
        if (holder !== undefined) return { ok: false, holder: toEntry(holder) };
      }
      q.upsert.run({ ...me, now, until });
      return { ok: true };
    },
  );
  const forget = writeTransaction(db, (ids: readonly string[]) =>
    ids.reduce((n, id) => n + q.forget.run(id).changes, 0),
  );
  return {
    enter: (me, now, ttlMs, options) =>
      settle(() => enter(me, now.getTime(), now.getTime() + ttlMs, options)),
    heartbeat: (id, now, ttlMs) =>
      settle(() => q.beat.run(now.getTime(), now.getTime() + ttlMs, id).changes === 1),
    list: () => settle(() => (q.all.all() as Row[]).map(toEntry)),
    forget: (ids) => settle(() => forget(ids)),
  };
}

function toEntry(row: Row): ProcessEntry {
  return {
    id: row.id,
    pid: row.pid,
    host: row.host,
    startedAt: new Date(row.started_at),
    heartbeatAt: new Date(row.heartbeat_at),
    expiresAt: new Date(row.expires_at),
  };
}
