import {
  storedWindowRecord,
  storedWindowWait,
  type StoredWindow,
} from '../../domain/sliding-window.ts';
import type { RateWindowClaim, RateWindowStore } from '../rate-window-store.ts';
import { writeTransaction, type SqliteDatabase } from './database.ts';
import { settle } from './settle.ts';

interface WindowRow {
  times: string;
  next_at: number;
}

/**
 * The rate windows on SQLite (migration 9), so that a restart keeps the WhatsApp daily cap
 * and every platform's windows: each grant is one IMMEDIATE transaction that reads the gate
 * and the windows, then records the send everywhere or nothing (as herald_rate_grant does on
 * PostgreSQL).
 */
export function createSqliteRateWindowStore(db: SqliteDatabase): RateWindowStore {
  const q = prepare(db);
  const read = (key: string): StoredWindow => {
    const row = q.window.get(key) as WindowRow | undefined;
    return row === undefined
      ? { times: [], nextAt: 0 }
      : { times: JSON.parse(row.times) as number[], nextAt: row.next_at };
  };
  const grant = writeTransaction(
    db,
    (gate: string, claims: readonly RateWindowClaim[], now: number, pace: number) => {
      const g = q.gate.get(gate) as { paused_until: number; pace_until: number } | undefined;
      let wait = Math.max(0, (g?.paused_until ?? 0) - now, (g?.pace_until ?? 0) - now);
      const windows = claims.map((c) => ({ c, w: read(c.key) }));
      for (const { c, w } of windows) {
        wait = Math.max(wait, storedWindowWait(w, c.limit, c.windowMs, now));
      }
      if (wait > 0) return wait;
      for (const { c, w } of windows) {
        const next = storedWindowRecord(w, c.limit, c.windowMs, now);
        q.save.run({ key: c.key, times: JSON.stringify(next.times), nextAt: next.nextAt, now });
      }
      q.pace.run({ gate, until: now + pace });
      return 0;
    },
  );
  const complete = writeTransaction(db, (keys: readonly string[], from: number, to: number) => {
    for (const key of keys) {
      const row = q.window.get(key) as WindowRow | undefined;
      if (row === undefined) continue;
      const times = (JSON.parse(row.times) as number[]).map((t) => (t === from ? to : t));
      q.move.run({ key, times: JSON.stringify(times.sort((a, b) => a - b)), to });
    }
  });
  return {
    tryGrant: (gate, windows, now, paceMs) =>
      settle(() => grant(gate, windows, now.getTime(), Math.max(0, Math.round(paceMs)))),
    complete: (_gate, windows, grantedAt, at) =>
      settle(() => {
        if (at > grantedAt)
          complete(
            windows.map((w) => w.key),
            grantedAt,
            at,
          );
      }),
    pause: (gate, until) => settle(() => void q.pause.run({ gate, until: until.getTime() })),
    prune: (before) => settle(() => q.prune.run(before.getTime()).changes),
  };
}

function prepare(db: SqliteDatabase) {
  return {
    gate: db.prepare('SELECT paused_until, pace_until FROM rate_gates WHERE gate = ?'),
    window: db.prepare('SELECT times, next_at FROM rate_windows WHERE key = ?'),
    save: db.prepare(
      `INSERT INTO rate_windows (key, times, next_at, touched) VALUES (@key, @times, @nextAt, @now)
       ON CONFLICT (key) DO UPDATE SET times = excluded.times, next_at = excluded.next_at,
         touched = excluded.touched`,
    ),
    move: db.prepare(
      'UPDATE rate_windows SET times = @times, touched = MAX(touched, @to) WHERE key = @key',
    ),
    pace: db.prepare(
      `INSERT INTO rate_gates (gate, pace_until) VALUES (@gate, @until)
       ON CONFLICT (gate) DO UPDATE SET pace_until = excluded.pace_until`,
    ),
    pause: db.prepare(
      `INSERT INTO rate_gates (gate, paused_until) VALUES (@gate, @until)
       ON CONFLICT (gate) DO UPDATE SET paused_until = MAX(paused_until, excluded.paused_until)`,
    ),
    prune: db.prepare('DELETE FROM rate_windows WHERE touched < ?'),
  };
}
