import type { EnterResult, ProcessEntry, ProcessRegistry } from '../process-registry.ts';
import { changed, inTransaction, rowsOf, type PgPool } from './pool.ts';

/** Migration 8: the registry of running processes, with heartbeats (ADR 0019). */
export const PROCESSES_SQL = `
  CREATE TABLE processes (
    id           text PRIMARY KEY,
    pid          integer NOT NULL,
    host         text NOT NULL,
    started_at   timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
  );
`;

interface Row {
  id: string;
  pid: number;
  host: string;
  started_at: Date;
  heartbeat_at: Date;
  expires_at: Date;
}

const UPSERT = `INSERT INTO processes (id, pid, host, started_at, heartbeat_at, expires_at)
  VALUES ($1, $2, $3, $4, $4, $5)
  ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at`;

/** The process registry on PostgreSQL: every process of the fleet, with its heartbeat. */
export function createPgProcessRegistry(pool: PgPool): ProcessRegistry {
  return {
    enter: (me, now, ttlMs, options) =>
      inTransaction(pool, async (client): Promise<EnterResult> => {
        const until = new Date(now.getTime() + ttlMs);
        if (options.alone) {
          // One entrant at a time decides, so two processes starting together cannot both enter.
          await client.query('LOCK TABLE processes IN SHARE ROW EXCLUSIVE MODE');
          const others = await rowsOf<Row>(
            client,
            `SELECT * FROM processes WHERE expires_at > $1 AND id <> $2 AND NOT (id = ANY ($3))
             ORDER BY started_at LIMIT 1`,
            [now, me.id, options.gone ?? []],
          );
          const holder = others[0];
          if (holder !== undefined) return { ok: false, holder: toEntry(holder) };
        }
        await client.query(UPSERT, [me.id, me.pid, me.host, now, until]);
        return { ok: true };
      }),
    heartbeat: async (id, now, ttlMs) =>
      (await changed(
        pool,
        'UPDATE processes SET heartbeat_at = $2, expires_at = $3 WHERE id = $1',
        [id, now, new Date(now.getTime() + ttlMs)],
      )) === 1,
    list: async () =>
      (await rowsOf<Row>(pool, 'SELECT * FROM processes ORDER BY started_at, id')).map(toEntry),
    forget: (ids) => changed(pool, 'DELETE FROM processes WHERE id = ANY ($1)', [[...ids]]),
  };
}

function toEntry(row: Row): ProcessEntry {
  return {
    id: row.id,
    pid: row.pid,
    host: row.host,
    startedAt: row.started_at,
    heartbeatAt: row.heartbeat_at,
    expiresAt: row.expires_at,
  };
}
