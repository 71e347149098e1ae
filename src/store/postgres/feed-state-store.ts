import type { FeedState, FeedStateStore } from '../feed-state-store.ts';
import { changed, rowsOf, type PgPool } from './pool.ts';

interface Row {
  url: string;
  etag: string | null;
  last_modified: string | null;
  last_fetch_at: Date | null;
  last_error: string | null;
  consecutive_failures: number;
  next_attempt_at: Date | null;
  first_fetch_done: boolean;
  items_seen: number;
}

const UPSERT = `INSERT INTO feed_state (url, etag, last_modified, last_fetch_at, last_error,
    consecutive_failures, next_attempt_at, first_fetch_done, items_seen)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
  ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
    last_fetch_at = excluded.last_fetch_at, last_error = excluded.last_error,
    consecutive_failures = excluded.consecutive_failures,
    next_attempt_at = excluded.next_attempt_at, first_fetch_done = excluded.first_fetch_done,
    items_seen = excluded.items_seen`;

/** The FeedStateStore on PostgreSQL (migration 2). */
export function createPgFeedStateStore(pool: PgPool): FeedStateStore {
  return {
    getFeedState: async (url) =>
      fromRow((await rowsOf<Row>(pool, 'SELECT * FROM feed_state WHERE url = $1', [url]))[0]),
    allFeedStates: async () =>
      (await rowsOf<Row>(pool, 'SELECT * FROM feed_state ORDER BY url')).map(
        (r) => fromRow(r) as FeedState,
      ),
    saveFeedState: async (s) => {
      await changed(pool, UPSERT, [
        s.url,
        s.etag ?? null,
        s.lastModified ?? null,
        s.lastFetchAt ?? null,
        s.lastError ?? null,
        s.consecutiveFailures,
        s.nextAttemptAt ?? null,
        s.firstFetchDone,
        s.itemsSeen,
      ]);
    },
    removeFeedState: async (url) => {
      await changed(pool, 'DELETE FROM feed_state WHERE url = $1', [url]);
    },
  };
}

function fromRow(row: Row | undefined): FeedState | undefined {
  if (row === undefined) return undefined;
  const state: FeedState = {
    url: row.url,
    consecutiveFailures: row.consecutive_failures,
    firstFetchDone: row.first_fetch_done,
    itemsSeen: row.items_seen,
  };
  if (row.etag !== null) state.etag = row.etag;
  if (row.last_modified !== null) state.lastModified = row.last_modified;
  if (row.last_fetch_at !== null) state.lastFetchAt = row.last_fetch_at;
  if (row.last_error !== null) state.lastError = row.last_error;
  if (row.next_attempt_at !== null) state.nextAttemptAt = row.next_attempt_at;
  return state;
}
