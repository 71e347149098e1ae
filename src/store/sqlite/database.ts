import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations, type Migration } from './migrations.ts';

export type SqliteDatabase = Database.Database;

/** The store cannot be opened or migrated; says what to do about it. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
  constructor(
    message: string,
    readonly path: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Opens (creating it when missing) the SQLite file at `path`, in WAL mode, and applies the
 * pending migrations. Refuses a file whose schema is newer than this version of Herald.
 */
export function openSqliteDatabase(
  path: string,
  list: readonly Migration[] = migrations,
): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: SqliteDatabase;
  try {
    db = new Database(path);
  } catch (err) {
    throw new StoreOpenError(`cannot open the SQLite store at ${path}: ${String(err)}`, path, {
      cause: err,
    });
  }
  try {
    configure(db);
    migrate(db, list, path);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function configure(db: SqliteDatabase): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/** Applies each migration above the file's `user_version`, each in its own transaction. */
export function migrate(db: SqliteDatabase, list: readonly Migration[], path: string): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = list.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > latest) {
    throw new StoreOpenError(
      `the store at ${path} has schema version ${current}, newer than this Herald (${latest}); upgrade Herald or use another DATABASE_URL`,
      path,
    );
  }
  const pending = list.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  for (const m of pending) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return pending.length;
}
