import { PostFormatSchema } from '../../domain/post-format.ts';
import type { PostFormatStore } from '../post-format-store.ts';
import type { SqliteDatabase } from './database.ts';
import type { Migration } from './migrations.ts';
import { settle } from './settle.ts';

/** Schema version 11: each subscription's post format (listed in migrations.ts). */
export const postFormatMigration: Migration = {
  version: 11,
  name: 'post formats',
  up(db) {
    db.exec(`
      CREATE TABLE post_formats (
        subscription_id TEXT PRIMARY KEY,
        format          TEXT NOT NULL,
        updated_by      TEXT NOT NULL,
        updated_at      INTEGER NOT NULL
      );
    `);
  },
};

interface Row {
  subscription_id: string;
  format: string;
  updated_by: string;
  updated_at: number;
}

/** The PostFormatStore on SQLite. */
export function createSqlitePostFormatStore(db: SqliteDatabase): PostFormatStore {
  const get = db.prepare('SELECT * FROM post_formats WHERE subscription_id = ?');
  const save = db.prepare(
    `INSERT INTO post_formats (subscription_id, format, updated_by, updated_at)
     VALUES (@id, @format, @by, @at)
     ON CONFLICT (subscription_id) DO UPDATE SET
       format = excluded.format, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM post_formats WHERE subscription_id = ?');
  return {
    getFormat: (id) =>
      settle(() => {
        const row = get.get(id) as Row | undefined;
        if (row === undefined) return undefined;
        return {
          subscriptionId: row.subscription_id,
          format: PostFormatSchema.parse(JSON.parse(row.format)),
          updatedBy: row.updated_by,
          updatedAt: new Date(row.updated_at),
        };
      }),
    saveFormat: (s) =>
      settle(() => {
        save.run({
          id: s.subscriptionId,
          format: JSON.stringify(s.format),
          by: s.updatedBy,
          at: s.updatedAt.getTime(),
        });
      }),
    removeFormat: (id) => settle(() => remove.run(id).changes > 0),
  };
}
