import * as shared from '../feed-health-store.ts';
import type { SqliteDatabase } from './database.ts';
import type { Migration } from './migrations.ts';
import { settle } from './settle.ts';

/** Schema version 13: what the operators were told about each feed (listed in migrations.ts). */
export const feedHealthMigration: Migration = {
  version: 13,
  name: 'feed health: failure alerts and last success',
  up(db) {
    db.exec(`
      CREATE TABLE feed_health (
        url             TEXT PRIMARY KEY,
        failing_since   INTEGER,
        last_success_at INTEGER,
        alerted_at      INTEGER,
        last_error      TEXT
      );
    `);
  },
};

type DateColumn = 'failing_since' | 'last_success_at' | 'alerted_at';
type StoredRow = Omit<shared.FeedHealthRow, DateColumn> & Record<DateColumn, number | null>;

function fromStored(row: StoredRow): shared.FeedHealthRow {
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  return {
    ...row,
    failing_since: date(row.failing_since),
    last_success_at: date(row.last_success_at),
    alerted_at: date(row.alerted_at),
  };
}

/** The FeedHealthStore on SQLite: dates as epoch milliseconds. */
export function createSqliteFeedHealthStore(db: SqliteDatabase): shared.FeedHealthStore {
  const upsert = db.prepare(shared.feedHealthUpsert((column) => `@${column}`));
  const one = db.prepare('SELECT * FROM feed_health WHERE url = ?');
  const all = db.prepare('SELECT * FROM feed_health ORDER BY url');
  const read = (row: unknown) => shared.feedHealthFromRow(fromStored(row as StoredRow));
  return {
    getFeedHealth: (url) =>
      settle(() => {
        const row = one.get(url);
        return row === undefined ? undefined : read(row);
      }),
    allFeedHealth: () => settle(() => all.all().map(read)),
    saveFeedHealth: (health) =>
      settle(() => {
        const row = shared.feedHealthToRow(health);
        const params: Record<string, unknown> = {};
        for (const column of shared.FEED_HEALTH_COLUMNS) {
          const value = row[column];
          params[column] = value instanceof Date ? value.getTime() : value;
        }
        upsert.run(params);
      }),
  };
}
