import type Database from 'better-sqlite3';
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

interface Row {
  url: string;
  etag: string | null;
  last_modified: string | null;
  last_fetch_at: number | null;
  last_error: string | null;
  consecutive_failures: number;
  next_attempt_at: number | null;
  first_fetch_done: number;
  items_seen: number;
}

/** The FeedStateStore on SQLite; expects the migrations (version 2) applied. */
export function createSqliteFeedStateStore(db: Database.Database): FeedStateStore {
  const byUrl = db.prepare('SELECT * FROM feed_state WHERE url = ?');
  const all = db.prepare('SELECT * FROM feed_state ORDER BY url');
  const upsert = db.prepare(`
    INSERT INTO feed_state VALUES (@url, @etag, @last_modified, @last_fetch_at, @last_error,
      @consecutive_failures, @next_attempt_at, @first_fetch_done, @items_seen)
    ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
      last_fetch_at = excluded.last_fetch_at, last_error = excluded.last_error,
      consecutive_failures = excluded.consecutive_failures,
      next_attempt_at = excluded.next_attempt_at, first_fetch_done = excluded.first_fetch_done,
      items_seen = excluded.items_seen`);
  const remove = db.prepare('DELETE FROM feed_state WHERE url = ?');
  return {
    getFeedState: (url) => Promise.resolve(fromRow(byUrl.get(url) as Row | undefined)),
    allFeedStates: () => Promise.resolve((all.all() as Row[]).map((r) => fromRow(r) as FeedState)),
    saveFeedState: (state) => {
      upsert.run(toRow(state));
      return Promise.resolve();
    },
    removeFeedState: (url) => {
      remove.run(url);
      return Promise.resolve();
    },
  };
}

function toRow(s: FeedState): Row {
  return {
    url: s.url,
    etag: s.etag ?? null,
    last_modified: s.lastModified ?? null,
    last_fetch_at: s.lastFetchAt?.getTime() ?? null,
    last_error: s.lastError ?? null,
    consecutive_failures: s.consecutiveFailures,
    next_attempt_at: s.nextAttemptAt?.getTime() ?? null,
    first_fetch_done: s.firstFetchDone ? 1 : 0,
    items_seen: s.itemsSeen,
  };
}

function fromRow(row: Row | undefined): FeedState | undefined {
  if (row === undefined) return undefined;
  const state: FeedState = {
    url: row.url,
    consecutiveFailures: row.consecutive_failures,
    firstFetchDone: row.first_fetch_done === 1,
    itemsSeen: row.items_seen,
  };
  if (row.etag !== null) state.etag = row.etag;
  if (row.last_modified !== null) state.lastModified = row.last_modified;
  if (row.last_fetch_at !== null) state.lastFetchAt = new Date(row.last_fetch_at);
  if (row.last_error !== null) state.lastError = row.last_error;
  if (row.next_attempt_at !== null) state.nextAttemptAt = new Date(row.next_attempt_at);
  return state;
}
