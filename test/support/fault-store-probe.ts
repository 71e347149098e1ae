import Database from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/store/open-store.ts';

/** Reads a store another process writes (or has just died writing): plain counts. */
export interface StoreProbe {
  count(sql: string): Promise<number>;
  stories(): Promise<number>;
  /** Outbox rows leased and not recorded: sends a killed process may have had acked. */
  sending(): Promise<number>;
  close(): Promise<void>;
}

export function probeStore(database: DatabaseConfig): StoreProbe {
  const count =
    database.kind === 'sqlite' ? sqliteCounter(database.path) : postgresCounter(database.url);
  return {
    count: count.run,
    stories: () => count.run('SELECT COUNT(*) AS n FROM stories'),
    sending: () => count.run("SELECT COUNT(*) AS n FROM outbox WHERE state = 'sending'"),
    close: count.close,
  };
}

function sqliteCounter(path: string) {
  let db: Database.Database | undefined;
  return {
    run: (sql: string): Promise<number> => {
      try {
        db ??= new Database(path, { readonly: true, fileMustExist: true });
        return Promise.resolve((db.prepare(sql).get() as { n: number }).n);
      } catch {
        return Promise.resolve(-1); // not created yet, or not migrated yet
      }
    },
    close: () => {
      db?.close();
      return Promise.resolve();
    },
  };
}

function postgresCounter(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  return {
    run: async (sql: string): Promise<number> => {
      try {
        const { rows } = await pool.query<{ n: string }>(sql);
        return Number(rows[0]?.n ?? 0);
      } catch {
        return -1;
      }
    },
    close: () => pool.end(),
  };
}

/** SQLite's own check of the whole file: "ok" when the store is sound. */
export function integrityCheck(path: string): string {
  const db = new Database(path, { fileMustExist: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}
