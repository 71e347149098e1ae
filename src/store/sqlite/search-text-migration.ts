import type Database from 'better-sqlite3';
import { searchText } from '../../text/search-text.ts';

/**
 * Schema version 12: the full-text index gets a third column, `search_text` (see
 * `searchText`: segmented words and stems of a story not in English), kept in the stories
 * table like title and body. Stories stored before get theirs here; the index is rebuilt.
 * Listed in migrations.ts.
 */
export const searchTextMigration = {
  version: 12,
  name: 'full-text search text: segmented words and stems of every language',
  up(db: Database.Database): void {
    db.exec(`
      ALTER TABLE stories ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
      DROP TRIGGER stories_fts_delete;
      DROP TRIGGER stories_fts_update;
      DROP TABLE stories_fts;
    `);
    backfill(db);
    db.exec(`
      CREATE VIRTUAL TABLE stories_fts USING fts5 (
        title, body, search_text, content = 'stories', content_rowid = 'seq',
        tokenize = 'porter unicode61 remove_diacritics 2'
      );
      INSERT INTO stories_fts (stories_fts) VALUES ('rebuild');
      CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories BEGIN
        INSERT INTO stories_fts (stories_fts, rowid, title, body, search_text)
        VALUES ('delete', old.seq, old.title, old.body, old.search_text);
      END;
      CREATE TRIGGER stories_fts_update AFTER UPDATE OF title, body, search_text ON stories BEGIN
        INSERT INTO stories_fts (stories_fts, rowid, title, body, search_text)
        VALUES ('delete', old.seq, old.title, old.body, old.search_text);
        INSERT INTO stories_fts (rowid, title, body, search_text)
        VALUES (new.seq, new.title, new.body, new.search_text);
      END;
    `);
  },
};

/** The search text of each story stored before (English ones have none). */
function backfill(db: Database.Database): void {
  const rows = db
    .prepare(`SELECT seq, title, body, language FROM stories WHERE language NOT LIKE 'en%'`)
    .all() as { seq: number; title: string; body: string; language: string }[];
  const write = db.prepare('UPDATE stories SET search_text = ? WHERE seq = ?');
  for (const row of rows) write.run(searchText(row.title, row.body, row.language), row.seq);
}
