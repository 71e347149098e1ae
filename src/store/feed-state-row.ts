import type { FeedState } from './feed-state-store.ts';

/**
 * The `feed_state` table's columns, written once for both engines: the upserts are built from
 * this list, and each engine converts only its own types (SQLite keeps dates as epoch
 * milliseconds and flags as 0/1).
 */
export const FEED_STATE_COLUMNS = [
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
] as const;

/** A state as column values: absent fields are null, dates are Dates, the flag a boolean. */
export interface FeedStateRow {
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

/** The date columns (an engine without a date type stores them as numbers). */
export const FEED_STATE_DATES = [
  'last_fetch_at',
  'next_attempt_at',
  'not_found_since',
  'stopped_at',
] as const satisfies readonly (keyof FeedStateRow)[];

/** INSERT ... ON CONFLICT (url) DO UPDATE of every column; `param` names the i-th value. */
export function feedStateUpsert(param: (column: string, i: number) => string): string {
  const values = FEED_STATE_COLUMNS.map(param).join(', ');
  const updates = FEED_STATE_COLUMNS.slice(1).map((c) => `${c} = excluded.${c}`);
  return `INSERT INTO feed_state (${FEED_STATE_COLUMNS.join(', ')}) VALUES (${values})
    ON CONFLICT (url) DO UPDATE SET ${updates.join(', ')}`;
}

export function feedStateToRow(s: FeedState): FeedStateRow {
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

export function feedStateFromRow(row: FeedStateRow): FeedState {
  const state: FeedState = {
    url: row.url,
    consecutiveFailures: row.consecutive_failures,
    firstFetchDone: row.first_fetch_done,
    itemsSeen: row.items_seen,
  };
  const optional: { [K in keyof FeedState]?: FeedState[K] | null } = {
    etag: row.etag,
    lastModified: row.last_modified,
    lastFetchAt: row.last_fetch_at,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    notFoundSince: row.not_found_since,
    stoppedAt: row.stopped_at,
    stoppedReason: row.stopped_reason,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== null) Object.assign(state, { [key]: value });
  }
  return state;
}
