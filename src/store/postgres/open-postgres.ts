import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { StorePorts } from '../store-ports.ts';
import { createPgConsentLogStore } from './consent-log-store.ts';
import { createPgEventStore } from './event-store.ts';
import { createPgFeedHealthStore } from './feed-health-store.ts';
import { createPgFeedStateStore } from './feed-state-store.ts';
import { createPgLeader } from './leader.ts';
import { createPgLockStore } from './lock-store.ts';
import { migratePostgres, type MigrationReport } from './migrations.ts';
import { createPgOutboxStore } from './outbox-store.ts';
import { createPgProcessRegistry } from './process-registry.ts';
import { createPgPostFormatStore } from './post-format-store.ts';
import { createPgReaderLinkStore } from './reader-link-store.ts';
import { createPgPool, maskUrl, PostgresStoreError, type PgPool } from './pool.ts';
import { createPgRateWindowStore } from './rate-window-store.ts';
import { createPgStoryStore } from './story-store.ts';
import { createPgSubscriptionStore } from './subscription-store.ts';

export interface PostgresStore extends StorePorts {
  pool: PgPool;
  migration: MigrationReport;
  close(): Promise<void>;
}

/**
 * Connects to `url`, applies the pending migrations (refusing a newer schema) and builds every
 * store on one pool. The schema is the first of the connection's search_path (set it with
 * `?options=-c search_path=herald` in the URL to keep Herald's tables apart).
 */
export async function openPostgresStore(
  url: string,
  options: { max?: number } = {},
): Promise<PostgresStore> {
  const pool = createPgPool(url, options);
  try {
    await reach(pool, url);
    const migration = await migratePostgres(pool, url);
    return { pool, migration, ...stores(pool), close: () => endPool(pool) };
  } catch (err) {
    await endPool(pool);
    throw err;
  }
}

function stores(pool: PgPool) {
  return {
    stories: createPgStoryStore(pool),
    events: createPgEventStore(pool),
    subscriptions: createPgSubscriptionStore(pool),
    outbox: createPgOutboxStore(pool),
    feedState: createPgFeedStateStore(pool),
    feedHealth: createPgFeedHealthStore(pool),
    locks: createPgLockStore(pool),
    consentLog: createPgConsentLogStore(pool),
    postFormats: createPgPostFormatStore(pool),
    readerLinks: createPgReaderLinkStore(pool),
    leader: createPgLeader(pool, {
      owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    }),
    rateWindows: createPgRateWindowStore(pool),
    processes: createPgProcessRegistry(pool),
  };
}

async function reach(pool: PgPool, url: string): Promise<void> {
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    const masked = maskUrl(url);
    const reason = err instanceof Error ? err.message : String(err);
    throw new PostgresStoreError(
      `cannot reach PostgreSQL at ${masked}: ${reason}; check DATABASE_URL and that the server is running`,
      masked,
      { cause: err },
    );
  }
}

async function endPool(pool: PgPool): Promise<void> {
  if (!pool.ended && !pool.ending) await pool.end();
}
