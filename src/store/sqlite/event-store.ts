import type { Story } from '../../domain/story.ts';
import type { StoryFeatures } from '../../text/events/features.ts';
import * as assignment from '../event-assignment.ts';
import { AssignmentCache, PendingCounts } from '../assignment-cache.ts';
import {
  eventFromRows,
  type EventAssignment,
  type EventBadge,
  type EventStore,
  type ReportRow,
  type StoryEvent,
} from '../event-store.ts';
import type { SqliteDatabase } from './database.ts';
import type { Migration } from './migrations.ts';

/**
 * Schema version 14 (both engines alike): events, the terms each is posted under, the
 * document frequencies of the stories assigned, one row of counters, and each story's event.
 * Listed in migrations.ts.
 */
export const eventsMigration: Migration = {
  ...assignment.EVENTS_MIGRATION,
  up(db) {
    db.exec(`
      CREATE TABLE events (
        id             TEXT PRIMARY KEY,
        first_story_id TEXT NOT NULL,
        title          TEXT NOT NULL,
        created_at     INTEGER NOT NULL,
        updated_at     INTEGER NOT NULL,
        profile        TEXT NOT NULL,
        reports        INTEGER NOT NULL,
        merged_into    TEXT
      );
      CREATE INDEX events_merged_into ON events (merged_into) WHERE merged_into IS NOT NULL;
      CREATE TABLE event_terms (
        term     TEXT NOT NULL,
        event_id TEXT NOT NULL,
        PRIMARY KEY (term, event_id)
      ) WITHOUT ROWID;
      CREATE TABLE event_df (
        term TEXT PRIMARY KEY,
        df   INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE event_corpus (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        documents  INTEGER NOT NULL,
        next_event INTEGER NOT NULL
      );
      ALTER TABLE stories ADD COLUMN event_id TEXT;
      CREATE INDEX stories_by_event ON stories (event_id, published_at, seq)
        WHERE event_id IS NOT NULL;
    `);
  },
};

/** SQLite keeps times as epoch milliseconds and flags as 0/1. */
type StoredReport = Omit<ReportRow, 'published_at' | 'date_estimated'> & {
  published_at: number;
  date_estimated: number;
};

interface EventRow {
  id: string;
  first_story_id: string;
  title: string;
  created_at: number;
  updated_at: number;
  merged_into: string | null;
}

/** The counters row: none yet is an empty corpus. */
interface Corpus {
  documents: number;
  next_event: number;
}
const EMPTY_CORPUS: Corpus = { documents: 0, next_event: 1 };

/** The reading side of events on SQLite. */
export function createSqliteEventStore(db: SqliteDatabase): EventStore {
  const q = {
    storyEvent: db.prepare('SELECT event_id FROM stories WHERE id = ?'),
    event: db.prepare(
      'SELECT id, first_story_id, title, created_at, updated_at, merged_into FROM events WHERE id = ?',
    ),
    reports: db.prepare(
      `SELECT id, title, source, published_at, date_estimated, url FROM stories
       WHERE event_id = ? ORDER BY published_at, seq`,
    ),
    badges: db.prepare(
      `SELECT s.id AS story_id, s.event_id AS event_id,
         (SELECT COUNT(*) FROM stories r WHERE r.event_id = s.event_id) AS reports,
         (SELECT COUNT(DISTINCT r.source) FROM stories r WHERE r.event_id = s.event_id) AS outlets
       FROM stories s
       WHERE s.id IN (SELECT value FROM json_each(?)) AND s.event_id IS NOT NULL`,
    ),
  };
  const getEvent = (eventId: string): StoryEvent | undefined => {
    let row = q.event.get(eventId) as EventRow | undefined;
    if (row?.merged_into != null) row = q.event.get(row.merged_into) as EventRow | undefined;
    if (row === undefined) return undefined;
    const reports = (q.reports.all(row.id) as StoredReport[]).map((r) => ({
      ...r,
      published_at: new Date(r.published_at),
      date_estimated: r.date_estimated === 1,
    }));
    const times = { created_at: new Date(row.created_at), updated_at: new Date(row.updated_at) };
    return eventFromRows({ ...row, ...times }, reports);
  };
  return {
    eventOf: (storyId) => {
      const row = q.storyEvent.get(storyId) as { event_id: string | null } | undefined;
      return Promise.resolve(row?.event_id == null ? undefined : getEvent(row.event_id));
    },
    getEvent: (eventId) => Promise.resolve(getEvent(eventId)),
    badges: (storyIds) => {
      const rows = q.badges.all(JSON.stringify(storyIds)) as {
        story_id: string;
        event_id: string;
        reports: number;
        outlets: number;
      }[];
      const out = new Map<string, EventBadge>();
      for (const r of rows)
        out.set(r.story_id, { eventId: r.event_id, reports: r.reports, outlets: r.outlets });
      return Promise.resolve(out);
    },
  };
}

/** Assigns stored stories to events, inside the stories' write transaction. */
export interface SqliteEventAssigner {
  assign(story: Story, features: StoryFeatures, now: number): EventAssignment;
  /**
   * Writes the document frequencies counted since the last call: before each commit of a
   * batch, and right after `assign` outside one (same transaction).
   */
  flushCounts(): void;
}

/**
 * The assignment on SQLite, synchronous so that it is one with the story's write (the write
 * transaction is SQLite's lock: no other process writes meanwhile). See event-assignment.ts.
 */
export function createSqliteEventAssigner(db: SqliteDatabase): SqliteEventAssigner {
  const cache = new AssignmentCache();
  const q = {
    corpus: db.prepare('SELECT documents, next_event FROM event_corpus WHERE id = 1'),
    df: db.prepare('SELECT term, df FROM event_df WHERE term IN (SELECT value FROM json_each(?))'),
    countDf: db.prepare(
      `INSERT INTO event_df (term, df) SELECT key, value FROM json_each(?) WHERE true
       ON CONFLICT (term) DO UPDATE SET df = df + excluded.df`,
    ),
    counters: db.prepare(
      `INSERT INTO event_corpus (id, documents, next_event) VALUES (1, 1, 1 + @created)
       ON CONFLICT (id) DO UPDATE SET documents = documents + 1, next_event = next_event + @created`,
    ),
    candidates: db.prepare(
      `SELECT p.event_id FROM json_each(?) AS w JOIN event_terms AS p ON p.term = w.key
       GROUP BY p.event_id ORDER BY SUM(w.value) DESC, p.event_id DESC LIMIT ${assignment.CANDIDATE_LIMIT}`,
    ),
    profiles: db.prepare(
      `SELECT id, profile FROM events WHERE id IN (SELECT value FROM json_each(?))
       AND merged_into IS NULL ORDER BY id`,
    ),
    insertEvent: db.prepare(
      `INSERT INTO events (id, first_story_id, title, created_at, updated_at, profile, reports)
       VALUES (@id, @first, @title, @now, @now, @profile, @reports)`,
    ),
    updateEvent: db.prepare(
      'UPDATE events SET profile = @profile, reports = @reports, updated_at = @now WHERE id = @id',
    ),
    post: db.prepare(
      'INSERT OR IGNORE INTO event_terms (term, event_id) SELECT value, ? FROM json_each(?)',
    ),
    unpost: db.prepare(
      'DELETE FROM event_terms WHERE event_id = ? AND term IN (SELECT value FROM json_each(?))',
    ),
    retire: db.prepare(
      'UPDATE events SET merged_into = ?, updated_at = ? WHERE id = ? OR merged_into = ?',
    ),
    moveStories: db.prepare('UPDATE stories SET event_id = ? WHERE event_id = ?'),
    setStory: db.prepare('UPDATE stories SET event_id = ? WHERE id = ?'),
  };
  const pending = new PendingCounts();
  const known = (words: Iterable<string>): void => {
    const asked = cache.missing(words);
    if (asked.length === 0) return;
    const rows = q.df.all(JSON.stringify(asked)) as { term: string; df: number }[];
    cache.fill(asked, pending.withPending(asked, new Map(rows.map((r) => [r.term, r.df]))));
  };
  const apply = (story: Story, w: assignment.PlanWrites, now: number): void => {
    const row = {
      id: w.event.id,
      profile: assignment.profileToJson(w.event.profile),
      reports: w.event.profile.reports,
      now,
    };
    if (w.event.created) q.insertEvent.run({ ...row, first: story.id, title: story.title });
    else q.updateEvent.run(row);
    if (w.unpost.length > 0) q.unpost.run(w.event.id, JSON.stringify(w.unpost));
    if (w.post.length > 0) q.post.run(w.event.id, JSON.stringify(w.post));
    if (w.retired !== undefined) {
      q.unpost.run(w.retired.id, JSON.stringify(w.retired.terms));
      q.retire.run(w.event.id, now, w.retired.id, w.retired.id);
      q.moveStories.run(w.event.id, w.retired.id);
    }
    q.counters.run({ created: w.assignment.created ? 1 : 0 });
    q.setStory.run(w.event.id, story.id);
  };
  const assign = (story: Story, features: StoryFeatures, now: number): EventAssignment => {
    try {
      const corpus = (q.corpus.get() as Corpus | undefined) ?? EMPTY_CORPUS;
      // The count moved under us: the transaction that counted the pending terms is gone.
      if (cache.sync(corpus.documents)) pending.clear();
      known(assignment.storyWords(features));
      const terms = [...features.terms.keys()];
      cache.count(terms);
      const ids = (
        q.candidates.all(assignment.termWeights(features, cache)) as {
          event_id: string;
        }[]
      ).map((r) => r.event_id);
      const missing = cache.missingProfiles(ids);
      if (missing.length > 0) {
        const rows = q.profiles.all(JSON.stringify(missing)) as { id: string; profile: string }[];
        const loaded = rows.map((r) => ({ ...assignment.profileFromJson(r.profile), id: r.id }));
        // A cached profile's words are cached too (the two caches are emptied together).
        known(assignment.profileWords(loaded));
        cache.keepProfiles(loaded);
      }
      const writes = assignment.planFor(features, corpus.next_event, ids, cache);
      apply(story, writes, now);
      pending.add(terms);
      assignment.remember(cache, writes);
      return writes.assignment;
    } catch (err) {
      cache.reset();
      throw err;
    }
  };
  const flushCounts = (): void => {
    const counts = pending.take();
    if (counts !== undefined) q.countDf.run(counts);
  };
  return { assign, flushCounts };
}
