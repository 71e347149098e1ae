import type { FeedState, FeedStateStore } from '../feed-state-store.ts';
import { changed, rowsOf, type PgPool } from './pool.ts';

/** Migration 7: what publishers signalled (a run of 404s, a stop after 410 or a lasting 404). */
export const FEED_STOP_SQL = `
  ALTER TABLE feed_state
    ADD COLUMN not_found_since timestamptz,
    ADD COLUMN stopped_at      timestamptz,
    ADD COLUMN stopped_reason  text;
`;

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
  not_found_since: Date | null;
  stopped_at: Date | null;
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
  VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (url) DO UPDATE SET ${COLUMNS.slice(1)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;

/** The FeedStateStore on PostgreSQL (migrations 2 and 7). */
export function createPgFeedStateStore(pool: PgPool): FeedStateStore {
  return {
    getFeedState: async (url) =>
      fromRow((await rowsOf<Row>(pool, 'SELECT * FROM feed_state WHERE url = $1', [url]))[0]),
    allFeedStates: async () =>
      (await rowsOf<Row>(pool, 'SELECT * FROM feed_state ORDER BY url')).map(
        (r) => fromRow(r) as FeedState,
      ),
    saveFeedState: async (s) => {
      const row = toRow(s);
      await changed(
        pool,
        UPSERT,
        COLUMNS.map((c) => row[c]),
      );
    },
    removeFeedState: async (url) => {
      await changed(pool, 'DELETE FROM feed_state WHERE url = $1', [url]);
    },
  };
}

function toRow(s: FeedState): Row {
  return {
    url: s.url,
    etag: s.etag ?? null,
    last_modified: s.lastModified ?? null,
    last_fetch_at: s.lastFetchAt ?? null,
    last_error: s.lastError ?? null,
    consecutive_failures: s.consecutiveFailures,
    next_attempt_at: s.nextAttemptAt ?? null,
    first_fetch_done: s.firstFetchDone,
    items_seen: s.itemsSeen,
    not_found_since: s.notFoundSince ?? null,
    stopped_at: s.stoppedAt ?? null,
    stopped_reason: s.stoppedReason ?? null,
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
  if (row.not_found_since !== null) state.notFoundSince = row.not_found_since;
  if (row.stopped_at !== null) state.stoppedAt = row.stopped_at;
  if (row.stopped_reason !== null) state.stoppedReason = row.stopped_reason;
  return state;
}
