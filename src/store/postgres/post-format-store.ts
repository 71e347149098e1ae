import { PostFormatSchema } from '../../domain/post-format.ts';
import type { PostFormatStore } from '../post-format-store.ts';
import { changed, rowsOf, type PgPool } from './pool.ts';

/** Version 10 (PostgreSQL): each subscription's post format, as SQLite's version 11. */
export const POST_FORMATS_SQL = `
CREATE TABLE post_formats (
  subscription_id text PRIMARY KEY,
  format          jsonb NOT NULL,
  updated_by      text NOT NULL,
  updated_at      timestamptz NOT NULL
);`;

interface Row {
  subscription_id: string;
  format: unknown;
  updated_by: string;
  updated_at: Date;
}

/** The PostFormatStore on PostgreSQL. */
export function createPgPostFormatStore(pool: PgPool): PostFormatStore {
  return {
    async getFormat(id) {
      const [row] = await rowsOf<Row>(
        pool,
        'SELECT * FROM post_formats WHERE subscription_id = $1',
        [id],
      );
      if (row === undefined) return undefined;
      return {
        subscriptionId: row.subscription_id,
        format: PostFormatSchema.parse(row.format),
        updatedBy: row.updated_by,
        updatedAt: row.updated_at,
      };
    },
    async saveFormat(s) {
      await changed(
        pool,
        `INSERT INTO post_formats (subscription_id, format, updated_by, updated_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (subscription_id) DO UPDATE SET format = excluded.format,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        [s.subscriptionId, JSON.stringify(s.format), s.updatedBy, s.updatedAt],
      );
    },
    removeFormat: async (id) =>
      (await changed(pool, 'DELETE FROM post_formats WHERE subscription_id = $1', [id])) > 0,
  };
}
