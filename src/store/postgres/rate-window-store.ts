import type { RateWindowStore } from '../rate-window-store.ts';
import { changed, rowsOf, type PgPool } from './pool.ts';

/** The fleet's rate windows in PostgreSQL: one call of herald_rate_grant per send (migration 5). */
export function createPgRateWindowStore(pool: PgPool): RateWindowStore {
  return {
    tryGrant: async (gate, windows, now, paceMs) => {
      const sorted = [...windows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const [row] = await rowsOf<{ wait: number }>(
        pool,
        'SELECT herald_rate_grant($1, $2, $3, $4, $5, $6) AS wait',
        [
          gate,
          sorted.map((w) => w.key),
          sorted.map((w) => w.limit),
          sorted.map((w) => Math.round(w.windowMs)),
          now.getTime(),
          Math.max(0, Math.round(paceMs)),
        ],
      );
      return row?.wait ?? 0;
    },
    pause: async (gate, until) => {
      await changed(
        pool,
        `INSERT INTO rate_gates AS g (gate, paused_until) VALUES ($1, $2)
         ON CONFLICT (gate) DO UPDATE SET paused_until = GREATEST(g.paused_until, excluded.paused_until)`,
        [gate, until.getTime()],
      );
    },
    // A send counted from when it left (RateLimiter.departed, ADR 0028). One row a statement,
    // in key order: it never holds two window locks while herald_rate_grant takes them in order.
    complete: async (_gate, windows, grantedAt, at) => {
      if (at <= grantedAt) return;
      for (const key of windows.map((w) => w.key).sort()) {
        await changed(
          pool,
          `UPDATE rate_windows SET times = ARRAY(
             SELECT CASE WHEN t = $2 THEN $3::bigint ELSE t END FROM unnest(times) AS t ORDER BY 1)
           WHERE key = $1 AND $2 = ANY (times)`,
          [key, grantedAt, at],
        );
      }
    },
    prune: (before) =>
      changed(pool, 'DELETE FROM rate_windows WHERE touched < $1', [before.getTime()]),
  };
}
