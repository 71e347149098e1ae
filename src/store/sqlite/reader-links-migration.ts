import type { Migration } from './migrations.ts';

/** Schema version 17: readers' linked private chats and one-time link codes. */
export const readerLinksMigration: Migration = {
  version: 17,
  name: 'reader links and link codes',
  up(db) {
    db.exec(`
      CREATE TABLE reader_links (
        platform  TEXT NOT NULL,
        chat_id   TEXT NOT NULL,
        person_id TEXT NOT NULL,
        dedupe    INTEGER NOT NULL DEFAULT 1,
        linked_at INTEGER NOT NULL,
        PRIMARY KEY (platform, chat_id)
      );
      CREATE INDEX reader_links_person ON reader_links (person_id);
      CREATE TABLE link_codes (
        code       TEXT PRIMARY KEY,
        platform   TEXT NOT NULL,
        chat_id    TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `);
  },
};
