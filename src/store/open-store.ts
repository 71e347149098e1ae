import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { soloLeader } from './job-leader.ts';
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
import { createSqliteReaderLinkStore } from './sqlite/reader-link-store.ts';
import { createSqliteStoryStore } from './sqlite/story-store.ts';
import { createSqliteSubscriptionStore } from './sqlite/subscription-store.ts';
import type { StorePorts } from './store-ports.ts';

/** A SQLite file (the embedded default), or a PostgreSQL database shared by a fleet. */
export type DatabaseConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** Every store port, on either engine. */
export interface OpenedStore extends StorePorts {
  kind: DatabaseConfig['kind'];
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
    readerLinks: createSqliteReaderLinkStore(sqlite),
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
