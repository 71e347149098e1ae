import type { Story } from '../../domain/story.ts';
import type { StoryFeatures } from '../../text/events/features.ts';
import * as assignment from '../event-assignment.ts';
import { AssignmentCache } from '../assignment-cache.ts';
import {
  eventFromRows,
  type EventAssignment,
  type EventBadge,
  type EventRow,
  type EventStore,
  type ReportRow,
  type StoryEvent,
} from '../event-store.ts';
import type { PgMigration } from './migrations.ts';
import { rowsOf, type PgClient, type PgPool, type PgQueryable } from './pool.ts';

/** Schema version 14, as SQLite's (src/store/sqlite/event-store.ts). */
export const eventsMigration: PgMigration = {
  ...assignment.EVENTS_MIGRATION,
  sql: `
    CREATE TABLE events (
      id             text COLLATE "C" PRIMARY KEY,
      first_story_id text COLLATE "C" NOT NULL,
      title          text NOT NULL,
      created_at     timestamptz NOT NULL,
      updated_at     timestamptz NOT NULL,
      profile        jsonb NOT NULL,
      reports        integer NOT NULL,
      merged_into    text COLLATE "C"
    );
    CREATE INDEX events_merged_into ON events (merged_into) WHERE merged_into IS NOT NULL;
    CREATE TABLE event_terms (
      term     text COLLATE "C" NOT NULL,
      event_id text COLLATE "C" NOT NULL,
      PRIMARY KEY (term, event_id)
    );
    CREATE TABLE event_df (
      term text COLLATE "C" PRIMARY KEY,
      df   integer NOT NULL
    );
    CREATE TABLE event_corpus (
      id         integer PRIMARY KEY CHECK (id = 1),
      documents  integer NOT NULL,
      next_event integer NOT NULL
    );
    ALTER TABLE stories ADD COLUMN event_id text COLLATE "C";
    CREATE INDEX stories_by_event ON stories (event_id, published_at, seq)
      WHERE event_id IS NOT NULL;
  `,
};

/** The reading side of events on PostgreSQL. */
export function createPgEventStore(pool: PgPool): EventStore {
  return {
    eventOf: async (storyId) => {
      const [row] = await rowsOf<{ event_id: string | null }>(
        pool,
        'SELECT event_id FROM stories WHERE id = $1',
        [storyId],
      );
      return row?.event_id == null ? undefined : getEvent(pool, row.event_id);
    },
    getEvent: (eventId) => getEvent(pool, eventId),
    badges: async (storyIds) => {
      const rows = await rowsOf<{
        story_id: string;
        event_id: string;
        reports: number;
        outlets: number;
      }>(
        pool,
        `SELECT s.id AS story_id, s.event_id,
           (SELECT COUNT(*) FROM stories r WHERE r.event_id = s.event_id) AS reports,
           (SELECT COUNT(DISTINCT r.source) FROM stories r WHERE r.event_id = s.event_id) AS outlets
         FROM stories s WHERE s.id = ANY ($1::text[]) AND s.event_id IS NOT NULL`,
        [[...storyIds]],
      );
      const out = new Map<string, EventBadge>();
      for (const r of rows)
        out.set(r.story_id, { eventId: r.event_id, reports: r.reports, outlets: r.outlets });
      return out;
    },
  };
}

const EVENT_SELECT =
  'SELECT id, first_story_id, title, created_at, updated_at, merged_into FROM events WHERE id = $1';

async function getEvent(db: PgQueryable, eventId: string): Promise<StoryEvent | undefined> {
  let [row] = await rowsOf<EventRow & { merged_into: string | null }>(db, EVENT_SELECT, [eventId]);
  if (row?.merged_into != null)
    [row] = await rowsOf<EventRow & { merged_into: string | null }>(db, EVENT_SELECT, [
      row.merged_into,
    ]);
  if (row === undefined) return undefined;
  const rows = await rowsOf<ReportRow>(
    db,
    `SELECT id, title, source, published_at, date_estimated, url FROM stories
     WHERE event_id = $1 ORDER BY published_at, seq`,
    [row.id],
  );
  return eventFromRows(row, rows);
}

/** Assigns a stored story to an event inside the story's transaction (`client`). */
export type PgEventAssigner = (
  client: PgClient,
  story: Story,
  features: StoryFeatures,
  now: Date,
) => Promise<EventAssignment>;

/**
 * The assignment on PostgreSQL: under a transaction-scoped advisory lock, so that the
 * processes of a fleet assign one story at a time, each reading what the one before wrote
 * (the same steps as SQLite's; see event-assignment.ts).
 */
export function createPgEventAssigner(): PgEventAssigner {
  const cache = new AssignmentCache();
  const known = async (c: PgClient, words: Iterable<string>): Promise<void> => {
    const asked = cache.missing(words);
    if (asked.length === 0) return;
    const rows = await rowsOf<{ term: string; df: number }>(
      c,
      'SELECT term, df FROM event_df WHERE term = ANY ($1::text[])',
      [asked],
    );
    cache.fill(asked, new Map(rows.map((r) => [r.term, r.df])));
  };
  return async (c, story, features, now) => {
    try {
      await c.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':herald:events'))`);
      // No counters row yet: an empty corpus.
      const [corpus = { documents: 0, next_event: 1 }] = await rowsOf<{
        documents: number;
        next_event: number;
      }>(c, 'SELECT documents, next_event FROM event_corpus WHERE id = 1');
      cache.sync(corpus.documents);
      await known(c, assignment.storyWords(features));
      const terms = [...features.terms.keys()];
      await c.query(
        `INSERT INTO event_df (term, df) SELECT t, 1 FROM unnest($1::text[]) AS t
         ON CONFLICT (term) DO UPDATE SET df = event_df.df + 1`,
        [terms],
      );
      cache.count(terms);
      const weighted = assignment.candidateTerms(features, cache);
      const ids = await rowsOf<{ event_id: string }>(
        c,
        `SELECT p.event_id FROM unnest($1::text[], $2::bigint[]) AS w (term, weight)
         JOIN event_terms AS p ON p.term = w.term
         GROUP BY p.event_id ORDER BY SUM(w.weight) DESC, p.event_id DESC
         LIMIT ${assignment.CANDIDATE_LIMIT}`,
        [weighted.terms, weighted.weights],
      );
      const live = ids.map((r) => r.event_id);
      const missing = cache.missingProfiles(live);
      if (missing.length > 0) {
        const rows = await rowsOf<{ id: string; profile: unknown }>(
          c,
          'SELECT id, profile FROM events WHERE id = ANY ($1::text[]) AND merged_into IS NULL',
          [missing],
        );
        const loaded = rows.map((r) => ({ ...assignment.profileFromJson(r.profile), id: r.id }));
        // A cached profile's words are cached too (the two caches are emptied together).
        await known(c, assignment.profileWords(loaded));
        cache.keepProfiles(loaded);
      }
      const writes = assignment.planFor(features, corpus.next_event, live, cache);
      await apply(c, story, writes, now);
      assignment.remember(cache, writes);
      return writes.assignment;
    } catch (err) {
      cache.reset();
      throw err;
    }
  };
}

async function apply(
  c: PgClient,
  story: Story,
  w: assignment.PlanWrites,
  now: Date,
): Promise<void> {
  const profile = assignment.profileToJson(w.event.profile);
  const reports = w.event.profile.reports;
  if (w.event.created)
    await c.query(
      `INSERT INTO events (id, first_story_id, title, created_at, updated_at, profile, reports)
       VALUES ($1, $2, $3, $4, $4, $5, $6)`,
      [w.event.id, story.id, story.title, now, profile, reports],
    );
  else
    await c.query('UPDATE events SET profile = $2, reports = $3, updated_at = $4 WHERE id = $1', [
      w.event.id,
      profile,
      reports,
      now,
    ]);
  const unpost = 'DELETE FROM event_terms WHERE event_id = $1 AND term = ANY ($2::text[])';
  if (w.unpost.length > 0) await c.query(unpost, [w.event.id, w.unpost]);
  if (w.post.length > 0)
    await c.query(
      `INSERT INTO event_terms (term, event_id) SELECT t, $1 FROM unnest($2::text[]) AS t
       ON CONFLICT DO NOTHING`,
      [w.event.id, w.post],
    );
  if (w.retired !== undefined) {
    await c.query(unpost, [w.retired.id, w.retired.terms]);
    await c.query(
      'UPDATE events SET merged_into = $1, updated_at = $2 WHERE id = $3 OR merged_into = $3',
      [w.event.id, now, w.retired.id],
    );
    await c.query('UPDATE stories SET event_id = $1 WHERE event_id = $2', [
      w.event.id,
      w.retired.id,
    ]);
  }
  await c.query(
    `INSERT INTO event_corpus (id, documents, next_event) VALUES (1, 1, 1 + $1)
     ON CONFLICT (id) DO UPDATE SET documents = event_corpus.documents + 1,
       next_event = event_corpus.next_event + $1`,
    [w.assignment.created ? 1 : 0],
  );
  await c.query('UPDATE stories SET event_id = $1 WHERE id = $2', [w.event.id, story.id]);
}
