import * as shared from '../feed-health-store.ts';
import { changed, rowsOf, type PgPool } from './pool.ts';

/** Migration 12: what the operators were told about each feed. */
export const FEED_HEALTH_SQL = `
  CREATE TABLE feed_health (
    url             text PRIMARY KEY,
    failing_since   timestamptz,
    last_success_at timestamptz,
    alerted_at      timestamptz,
    last_error      text
  );
`;

const UPSERT = shared.feedHealthUpsert((_, i) => `$${i + 1}`);

/** The FeedHealthStore on PostgreSQL. */
export function createPgFeedHealthStore(pool: PgPool): shared.FeedHealthStore {
  const select = async (sql: string, params: unknown[] = []) =>
    (await rowsOf<shared.FeedHealthRow>(pool, sql, params)).map(shared.feedHealthFromRow);
  return {
    getFeedHealth: async (url) =>
      (await select('SELECT * FROM feed_health WHERE url = $1', [url]))[0],
    allFeedHealth: () => select('SELECT * FROM feed_health ORDER BY url'),
    saveFeedHealth: async (health) => {
      const row = shared.feedHealthToRow(health);
      await changed(
        pool,
        UPSERT,
        shared.FEED_HEALTH_COLUMNS.map((c) => row[c]),
      );
    },
  };
}
