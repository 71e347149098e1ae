import {
  FEED_STATE_COLUMNS,
  feedStateFromRow,
  feedStateToRow,
  feedStateUpsert,
  type FeedStateRow,
} from '../feed-state-row.ts';
import type { FeedStateStore } from '../feed-state-store.ts';
import { changed, rowsOf, type PgPool } from './pool.ts';

/** Migration 7: what publishers signalled (a run of 404s, a stop after 410 or a lasting 404). */
export const FEED_STOP_SQL = `
  ALTER TABLE feed_state
    ADD COLUMN not_found_since timestamptz,
    ADD COLUMN stopped_at      timestamptz,
    ADD COLUMN stopped_reason  text;
`;

const UPSERT = feedStateUpsert((_, i) => `$${i + 1}`);

/** The FeedStateStore on PostgreSQL (migrations 2 and 7): its row types are the neutral ones. */
export function createPgFeedStateStore(pool: PgPool): FeedStateStore {
  const select = async (sql: string, params: unknown[] = []) =>
    (await rowsOf<FeedStateRow>(pool, sql, params)).map(feedStateFromRow);
  return {
    getFeedState: async (url) =>
      (await select('SELECT * FROM feed_state WHERE url = $1', [url]))[0],
    allFeedStates: () => select('SELECT * FROM feed_state ORDER BY url'),
    saveFeedState: async (s) => {
      const row = feedStateToRow(s);
      await changed(
        pool,
        UPSERT,
        FEED_STATE_COLUMNS.map((c) => row[c]),
      );
    },
    removeFeedState: async (url) => {
      await changed(pool, 'DELETE FROM feed_state WHERE url = $1', [url]);
    },
  };
}
