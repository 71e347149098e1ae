import type { Migration } from './migrations.ts';

/** Version 16: each chat's own preferences (time zone, quiet hours, previews, images). */
export const preferencesMigration: Migration = {
  version: 16,
  name: 'chat preferences on subscriptions',
  up(db) {
    db.exec(`ALTER TABLE subscriptions ADD COLUMN preferences TEXT NOT NULL DEFAULT '{}'`);
  },
};
