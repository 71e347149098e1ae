import type { FeedStateStore } from './feed-state-store.ts';
import { soloLeader, type JobLeader } from './job-leader.ts';
import type { LockStore } from './lock-store.ts';
import type { OutboxStore } from './outbox-store.ts';
import { openPostgresStore } from './postgres/open-postgres.ts';
import type { RateWindowStore } from './rate-window-store.ts';
import { openSqliteDatabase, type SqliteDatabase } from './sqlite/database.ts';
import { createSqliteFeedStateStore } from './sqlite/feed-state-store.ts';
import { createSqliteLockStore } from './sqlite/lock-store.ts';
import { createSqliteOutboxStore } from './sqlite/outbox-store.ts';
import { createSqliteStoryStore } from './sqlite/story-store.ts';
import { createSqliteSubscriptionStore } from './sqlite/subscription-store.ts';
import type { StoryStore } from './story-store.ts';
import type { SubscriptionStore } from './subscription-store.ts';

/** A SQLite file (the embedded default), or a PostgreSQL database shared by a fleet. */
export type DatabaseConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** Every store port, on either engine. */
export interface OpenedStore {
  kind: DatabaseConfig['kind'];
  stories: StoryStore;
  subscriptions: SubscriptionStore;
  outbox: OutboxStore;
  feedState: FeedStateStore;
  locks: LockStore;
  /** Elects the one process that runs each cron tick (alone on SQLite: always this one). */
  leader: JobLeader;
  /** Rate windows shared by the fleet (PostgreSQL only; alone, the limiter keeps them). */
  rateWindows?: RateWindowStore;
  /** The raw SQLite handle (SQLite only), for SQLite-backed ports not listed above. */
  sqlite?: SqliteDatabase;
  /** The schema version the store is at now. */
  schemaVersion: number;
  close(): Promise<void>;
}

/** Opens the configured store and applies its migrations (refusing a newer schema). */
export async function openStore(config: DatabaseConfig): Promise<OpenedStore> {
  if (config.kind === 'postgres') {
    const pg = await openPostgresStore(config.url);
    const { pool: _pool, migration, ...ports } = pg;
    return { kind: 'postgres', ...ports, schemaVersion: migration.to };
  }
  return openSqlite(config.path);
}

function openSqlite(path: string): OpenedStore {
  const sqlite = openSqliteDatabase(path);
  const stories = createSqliteStoryStore(sqlite);
  return {
    kind: 'sqlite',
    stories,
    subscriptions: createSqliteSubscriptionStore(sqlite),
    outbox: createSqliteOutboxStore(sqlite),
    feedState: createSqliteFeedStateStore(sqlite),
    locks: createSqliteLockStore(sqlite),
    leader: soloLeader,
    sqlite,
    schemaVersion: sqlite.pragma('user_version', { simple: true }) as number,
    close: () => stories.close(),
  };
}
