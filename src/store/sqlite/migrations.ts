import { STORY_INDEXES } from '../indexes.ts';
import type Database from 'better-sqlite3';
import { consentLogMigration } from './consent-log-store.ts';
import { deliveryMigration } from './delivery-migration.ts';
import { eventDeliveryMigration } from './event-delivery-migration.ts';
import { feedStateMigration, feedStopMigration } from './feed-state-store.ts';
import { feedHealthMigration } from './feed-health-store.ts';
import { lockMigration } from './lock-store.ts';
import { searchTextMigration } from './search-text-migration.ts';
import { stateMigration } from './state-migration.ts';
import { postFormatMigration } from './post-format-store.ts';
import { eventsMigration } from './event-store.ts';

/** One step of the schema; `version` values are unique and only ever added. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

const stories: Migration = {
  version: 1,
  name: 'stories, topics and full-text index',
  up(db) {
    db.exec(`
      CREATE TABLE stories (
        seq            INTEGER PRIMARY KEY AUTOINCREMENT,
        id             TEXT NOT NULL UNIQUE,
        title          TEXT NOT NULL,
        body           TEXT NOT NULL,
        url            TEXT,
        source         TEXT NOT NULL,
        section        TEXT,
        topics         TEXT NOT NULL,
        published_at   INTEGER NOT NULL,
        date_estimated INTEGER NOT NULL,
        language       TEXT NOT NULL,
        image_url      TEXT,
        content_hash   TEXT NOT NULL,
        fingerprint    TEXT,
        keywords       TEXT NOT NULL,
        entities       TEXT NOT NULL,
        summary        TEXT NOT NULL,
        duplicate_of   TEXT,
        origin_kind    TEXT NOT NULL,
        origin_ref     TEXT NOT NULL,
        announce       TEXT NOT NULL DEFAULT 'pending',
        ingested_at    INTEGER NOT NULL,
        updated_at     INTEGER NOT NULL
      );
      ${STORY_INDEXES}
      CREATE TABLE story_topics (
        topic     TEXT NOT NULL COLLATE NOCASE,
        story_seq INTEGER NOT NULL REFERENCES stories (seq) ON DELETE CASCADE,
        PRIMARY KEY (topic, story_seq)
      ) WITHOUT ROWID;
      CREATE VIRTUAL TABLE stories_fts USING fts5 (
        title, body, content = 'stories', content_rowid = 'seq',
        tokenize = 'porter unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER stories_fts_insert AFTER INSERT ON stories BEGIN
        INSERT INTO stories_fts (rowid, title, body) VALUES (new.seq, new.title, new.body);
      END;
      CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories BEGIN
        INSERT INTO stories_fts (stories_fts, rowid, title, body)
        VALUES ('delete', old.seq, old.title, old.body);
      END;
      CREATE TRIGGER stories_fts_update AFTER UPDATE OF title, body ON stories BEGIN
        INSERT INTO stories_fts (stories_fts, rowid, title, body)
        VALUES ('delete', old.seq, old.title, old.body);
        INSERT INTO stories_fts (rowid, title, body) VALUES (new.seq, new.title, new.body);
      END;
    `);
  },
};

/**
 * The topics table follows the stories' `topics` column by triggers, so that writing a story
 * is one statement: atomic on its own, with no savepoint per story inside an ingest's commit.
 * (A savepoint makes FTS5 flush its pending index data: one segment per story, and about
 * twice the full-text index's write cost; see ADR 0015.)
 */
const topicTriggers: Migration = {
  version: 6,
  name: 'story topics kept by triggers',
  up(db) {
    db.exec(`
      CREATE TRIGGER stories_topics_insert AFTER INSERT ON stories BEGIN
        INSERT OR IGNORE INTO story_topics (topic, story_seq)
        SELECT value, new.seq FROM json_each(new.topics) WHERE type = 'text';
      END;
      CREATE TRIGGER stories_topics_update AFTER UPDATE OF topics ON stories BEGIN
        DELETE FROM story_topics WHERE story_seq = new.seq;
        INSERT OR IGNORE INTO story_topics (topic, story_seq)
        SELECT value, new.seq FROM json_each(new.topics) WHERE type = 'text';
      END;
    `);
  },
};

/**
 * New stories' full-text rows are written by the story store (src/store/sqlite/story-store.ts):
 * inside a batch, all of them at once before the commit (ADR 0015). Updates and deletes keep
 * their triggers.
 */
const fullTextByStore: Migration = {
  version: 7,
  name: 'full-text rows of new stories written by the store',
  up(db) {
    db.exec('DROP TRIGGER stories_fts_insert');
  },
};

/** Every migration, in order. Later modules append theirs here. */
export const migrations: readonly Migration[] = [
  stories,
  feedStateMigration,
  deliveryMigration,
  consentLogMigration,
  lockMigration,
  topicTriggers,
  fullTextByStore,
  feedStopMigration,
  stateMigration,
  postFormatMigration,
  searchTextMigration,
  feedHealthMigration,
  eventsMigration,
  eventDeliveryMigration,
];
