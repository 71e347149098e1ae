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
  not_found_since: number | null;
  stopped_at: number | null;
  stopped_reason: string | null;
}

/** Every column, in the order of Row: the one list the insert and the update are built from. */
const COLUMNS = [
  'url',
  'etag',
  'last_modified',
  'last_fetch_at',
  'last_error',
  'consecutive_failures',
  'next_attempt_at',
  'first_fetch_done',
  'items_seen',
  'not_found_since',
  'stopped_at',
  'stopped_reason',
] as const satisfies readonly (keyof Row)[];

const UPSERT = `INSERT INTO feed_state (${COLUMNS.join(', ')})
  VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})
  ON CONFLICT (url) DO UPDATE SET ${COLUMNS.slice(1)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;

/** The FeedStateStore on SQLite; expects the migrations (versions 2 and 8) applied. */
export function createSqliteFeedStateStore(db: Database.Database): FeedStateStore {
  const byUrl = db.prepare('SELECT * FROM feed_state WHERE url = ?');
  const all = db.prepare('SELECT * FROM feed_state ORDER BY url');
  const upsert = db.prepare(UPSERT);
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
    not_found_since: s.notFoundSince?.getTime() ?? null,
    stopped_at: s.stoppedAt?.getTime() ?? null,
    stopped_reason: s.stoppedReason ?? null,
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
  if (row.not_found_since !== null) state.notFoundSince = new Date(row.not_found_since);
  if (row.stopped_at !== null) state.stoppedAt = new Date(row.stopped_at);
  if (row.stopped_reason !== null) state.stoppedReason = row.stopped_reason;
  return state;
}
