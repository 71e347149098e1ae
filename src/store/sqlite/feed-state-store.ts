import type Database from 'better-sqlite3';
import {
  FEED_STATE_DATES,
  feedStateFromRow,
  feedStateToRow,
  feedStateUpsert,
  type FeedStateRow,
} from '../feed-state-row.ts';
import type { FeedState, FeedStateStore } from '../feed-state-store.ts';

/** Schema version 2: per-feed fetch state. Listed in migrations.ts. */
export const feedStateMigration = {
  version: 2,
  name: 'feed state',
  up(db: Database.Database): void {
    db.exec(`
      CREATE TABLE feed_state (
        url                  TEXT PRIMARY KEY,
        etag                 TEXT,
        last_modified        TEXT,
        last_fetch_at        INTEGER,
        last_error           TEXT,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        next_attempt_at      INTEGER,
        first_fetch_done     INTEGER NOT NULL DEFAULT 0,
        items_seen           INTEGER NOT NULL DEFAULT 0
      );
    `);
  },
};

/**
 * Schema version 8: what publishers signalled (a run of 404s, a stop after 410 Gone or a
 * lasting 404). Listed in migrations.ts.
 */
export const feedStopMigration = {
  version: 8,
  name: 'feed state: 404 run and stop',
  up(db: Database.Database): void {
    db.exec(`
      ALTER TABLE feed_state ADD COLUMN not_found_since INTEGER;
      ALTER TABLE feed_state ADD COLUMN stopped_at INTEGER;
      ALTER TABLE feed_state ADD COLUMN stopped_reason TEXT;
    `);
  },
};

/** A row as better-sqlite3 reads and binds it: dates as epoch milliseconds, the flag as 0/1. */
type SqliteRow = Record<string, string | number | null>;

const UPSERT = feedStateUpsert((column) => `@${column}`);

/** The FeedStateStore on SQLite; expects the migrations (versions 2 and 8) applied. */
export function createSqliteFeedStateStore(db: Database.Database): FeedStateStore {
  const byUrl = db.prepare('SELECT * FROM feed_state WHERE url = ?');
  const all = db.prepare('SELECT * FROM feed_state ORDER BY url');
  const upsert = db.prepare(UPSERT);
  const remove = db.prepare('DELETE FROM feed_state WHERE url = ?');
  return {
    getFeedState: (url) => {
      const row = byUrl.get(url) as SqliteRow | undefined;
      return Promise.resolve(row === undefined ? undefined : fromSqlite(row));
    },
    allFeedStates: () => Promise.resolve((all.all() as SqliteRow[]).map(fromSqlite)),
    saveFeedState: (state) => {
      upsert.run(toSqlite(feedStateToRow(state)));
      return Promise.resolve();
    },
    removeFeedState: (url) => {
      remove.run(url);
      return Promise.resolve();
    },
  };
}

const DATES: ReadonlySet<string> = new Set(FEED_STATE_DATES);

function toSqlite(row: FeedStateRow): SqliteRow {
  const value = (v: FeedStateRow[keyof FeedStateRow]) =>
    v instanceof Date ? v.getTime() : typeof v === 'boolean' ? Number(v) : v;
  const entries = Object.entries(row) as [string, FeedStateRow[keyof FeedStateRow]][];
  return Object.fromEntries(entries.map(([k, v]) => [k, value(v)]));
}

function fromSqlite(raw: SqliteRow): FeedState {
  const value = (k: string, v: SqliteRow[string]) =>
    DATES.has(k) && v !== null ? new Date(Number(v)) : v;
  const row = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, value(k, v)]));
  return feedStateFromRow({ ...row, first_fetch_done: raw.first_fetch_done === 1 } as FeedStateRow);
}
