import { CONSENT_LOG_SQL } from './consent-log-store.ts';
import { eventsMigration } from './event-store.ts';
import { FEED_STOP_SQL } from './feed-state-store.ts';
import { FEED_HEALTH_SQL } from './feed-health-store.ts';
import { FLEET_SQL } from './fleet-schema.ts';
import { PROCESSES_SQL } from './process-registry.ts';
import { POST_FORMATS_SQL } from './post-format-store.ts';
import { inTransaction, PostgresStoreError, maskUrl, type PgClient, type PgPool } from './pool.ts';
import { searchTextMigration } from './search-text-migration.ts';
import { EVENT_DELIVERY_MIGRATION_NAME } from '../indexes.ts';
import { EVENT_DELIVERY_SQL } from './outbox-sql.ts';
import { DELIVERY_SQL, FEED_STATE_SQL, LOCKS_SQL, STORIES_SQL } from './schema.ts';

/** One step of the schema; versions are unique and only ever added. */
export interface PgMigration {
  version: number;
  name: string;
  sql: string;
  /** Work done after `sql`, in the same transaction, that SQL alone cannot do. */
  then?: (client: PgClient) => Promise<void>;
}

/**
 * Every migration, in order. From version 9 on both engines number and name their steps alike
 * (test/unit/migrations-alike.test.ts); before it each had its own numbering (SQLite 6 and 7
 * and PostgreSQL 5 are one engine's alone; PostgreSQL 4, 6 and 7 are SQLite's 5, 4 and 8),
 * and version 8 is SQLite's only.
 */
export const pgMigrations: readonly PgMigration[] = [
  { version: 1, name: 'stories, topics and full-text index', sql: STORIES_SQL },
  { version: 2, name: 'feed state', sql: FEED_STATE_SQL },
  { version: 3, name: 'subscriptions and the delivery outbox', sql: DELIVERY_SQL },
  { version: 4, name: 'named locks', sql: LOCKS_SQL },
  { version: 5, name: 'fleet: job runs and shared rate limits', sql: FLEET_SQL },
  { version: 6, name: 'consent log', sql: CONSENT_LOG_SQL },
  { version: 7, name: 'feed state: 404 run and stop', sql: FEED_STOP_SQL },
  {
    version: 9,
    name: 'process registry with heartbeats (and, on SQLite, the rate windows)',
    sql: PROCESSES_SQL,
  },
  { version: 11, name: 'post formats', sql: POST_FORMATS_SQL },
  searchTextMigration,
  { version: 13, name: 'feed health: failure alerts and last success', sql: FEED_HEALTH_SQL },
  eventsMigration,
  { version: 15, name: EVENT_DELIVERY_MIGRATION_NAME, sql: EVENT_DELIVERY_SQL },
];

export interface MigrationReport {
  /** The schema version before and after. */
  from: number;
  to: number;
  applied: number;
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    integer PRIMARY KEY,
  name       text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/**
 * Brings the schema (the first schema of the search_path) up to date in one transaction,
 * under an advisory lock so that processes starting together migrate once. Refuses a schema
 * newer than this Herald, leaving it untouched.
 */
export function migratePostgres(
  pool: PgPool,
  url: string,
  list: readonly PgMigration[] = pgMigrations,
): Promise<MigrationReport> {
  return inTransaction(pool, async (client) => {
    await client.query(
      `SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':herald:migrate'))`,
    );
    await client.query(CREATE_TABLE);
    const from = await currentVersion(client);
    const latest = list.reduce((max, m) => Math.max(max, m.version), 0);
    if (from > latest) throw tooNew(url, from, latest);
    const pending = list.filter((m) => m.version > from).sort((a, b) => a.version - b.version);
    for (const m of pending) {
      await client.query(m.sql);
      await m.then?.(client);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
    }
    return { from, to: Math.max(from, latest), applied: pending.length };
  });
}

async function currentVersion(client: PgClient): Promise<number> {
  const result = await client.query<{ v: number | null }>(
    'SELECT MAX(version) AS v FROM schema_migrations',
  );
  return result.rows[0]?.v ?? 0;
}

function tooNew(url: string, found: number, latest: number): PostgresStoreError {
  const masked = maskUrl(url);
  return new PostgresStoreError(
    `the PostgreSQL store at ${masked} has schema version ${found}, newer than this Herald ` +
      `(${latest}); upgrade Herald, or point DATABASE_URL at another database or schema`,
    masked,
  );
}
