import type { StoryStore } from './story-store.ts';
import { openSqliteDatabase, type SqliteDatabase } from './sqlite/database.ts';
import { createSqliteStoryStore } from './sqlite/story-store.ts';

export interface DatabaseConfig {
  kind: 'sqlite';
  path: string;
}

export interface OpenedStore {
  stories: StoryStore;
  /** The raw SQLite handle, for the other SQLite-backed ports (feeds, outbox). */
  sqlite: SqliteDatabase;
  close(): Promise<void>;
}

/** Opens the configured store and applies its migrations. */
export function openStore(config: DatabaseConfig): OpenedStore {
  const sqlite = openSqliteDatabase(config.path);
  const stories = createSqliteStoryStore(sqlite);
  return { stories, sqlite, close: () => stories.close() };
}
