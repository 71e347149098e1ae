import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { ConsentLogStore } from './consent-log-store.ts';
import type { EventStore } from './event-store.ts';
import type { FeedHealthStore } from './feed-health-store.ts';
import type { FeedStateStore } from './feed-state-store.ts';
import { soloLeader, type JobLeader } from './job-leader.ts';
import type { LockStore } from './lock-store.ts';
import type { OutboxStore } from './outbox-store.ts';
import type { ProcessRegistry } from './process-registry.ts';
import type { PostFormatStore } from './post-format-store.ts';
import type { RateWindowStore } from './rate-window-store.ts';
import { openError, openSqliteDatabase, type SqliteDatabase } from './sqlite/database.ts';
import { createSqliteConsentLogStore } from './sqlite/consent-log-store.ts';
import { createSqliteEventStore } from './sqlite/event-store.ts';
import { createSqliteFeedHealthStore } from './sqlite/feed-health-store.ts';
import { createSqliteFeedStateStore } from './sqlite/feed-state-store.ts';
import { createSqliteLockStore } from './sqlite/lock-store.ts';
import { migrations } from './sqlite/migrations.ts';
import { createSqliteOutboxStore } from './sqlite/outbox-store.ts';
import { createSqliteProcessRegistry } from './sqlite/process-registry.ts';
import { createSqliteRateWindowStore } from './sqlite/rate-window-store.ts';
import { createSqlitePostFormatStore } from './sqlite/post-format-store.ts';
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
  /** Each story's event, its reports and outlets (assigned by the story upsert; ADR 0024). */
  events: EventStore;
  subscriptions: SubscriptionStore;
  outbox: OutboxStore;
  feedState: FeedStateStore;
  /** What the operators were told about each feed (failure alerts, last success). */
  feedHealth: FeedHealthStore;
  locks: LockStore;
  /** WhatsApp opt-ins and opt-outs (append-only). */
  consentLog: ConsentLogStore;
  /** Each subscription's post format. */
  postFormats: PostFormatStore;
  /** Elects the one process that runs each cron tick (alone on SQLite: always this one). */
  leader: JobLeader;
  /** Rate windows kept in the store: shared by a fleet, kept across restarts (ADR 0019). */
  rateWindows: RateWindowStore;
  /** The running bots, with heartbeats; on SQLite one bot claims the store (ADR 0019). */
  processes: ProcessRegistry;
  /** The raw SQLite handle (SQLite only), for SQLite-backed ports not listed above. */
  sqlite?: SqliteDatabase;
  /** The schema version the store is at now, and how many migrations this open applied. */
  schema: { version: number; applied: number };
  close(): Promise<void>;
}

/** Opens the configured store and applies its migrations (refusing a newer schema). */
export async function openStore(config: DatabaseConfig): Promise<OpenedStore> {
  if (config.kind === 'postgres') {
    // Loaded only here: the PostgreSQL driver and store are not needed on SQLite.
    const { openPostgresStore } = await import('./postgres/open-postgres.ts');
    const pg = await openPostgresStore(config.url);
    const { pool: _pool, migration, ...ports } = pg;
    return {
      kind: 'postgres',
      ...ports,
      schema: { version: migration.to, applied: migration.applied },
    };
  }
  return openSqlite(config.path);
}

function openSqlite(path: string): OpenedStore {
  const before = path === ':memory:' || !existsSync(path) ? 0 : versionOf(path);
  const sqlite = openSqliteDatabase(path);
  const version = sqlite.pragma('user_version', { simple: true }) as number;
  const stories = createSqliteStoryStore(sqlite);
  return {
    kind: 'sqlite',
    stories,
    events: createSqliteEventStore(sqlite),
    subscriptions: createSqliteSubscriptionStore(sqlite),
    outbox: createSqliteOutboxStore(sqlite),
    feedState: createSqliteFeedStateStore(sqlite),
    feedHealth: createSqliteFeedHealthStore(sqlite),
    locks: createSqliteLockStore(sqlite),
    consentLog: createSqliteConsentLogStore(sqlite),
    postFormats: createSqlitePostFormatStore(sqlite),
    leader: soloLeader,
    rateWindows: createSqliteRateWindowStore(sqlite),
    processes: createSqliteProcessRegistry(sqlite),
    sqlite,
    schema: { version, applied: migrations.filter((m) => m.version > before).length },
    close: () => stories.close(),
  };
}

/** The schema version of an existing SQLite file, read before it is migrated. */
function versionOf(path: string): number {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return db.pragma('user_version', { simple: true }) as number;
    } finally {
      db.close();
    }
  } catch (err) {
    throw openError(err, path);
  }
}
