import type { Story, StoryDraft } from '../../domain/story.ts';
import type { StoryFeatures } from '../../text/events/features.ts';
import { createSqliteEventAssigner } from './event-store.ts';
import type {
  LatestQuery,
  SearchHit,
  StoryStore,
  TopicCount,
  UpsertResult,
} from '../story-store.ts';
import { searchForms } from '../../text/search-text.ts';
import { fts5Query, searchTerms } from '../search-terms.ts';
import { closeBatch, openBatch, writeTransaction, type SqliteDatabase } from './database.ts';
import { nextRevision, REVISION_SELECT } from '../story-columns.ts';
import {
  draftParams,
  rowToRevision,
  rowToStory,
  WRITTEN_COLUMNS,
  type StoryRow,
} from './story-rows.ts';

type Params = Record<string, unknown>;

/** The StoryStore on SQLite (better-sqlite3). Its methods are sync inside, async outside. */
export function createSqliteStoryStore(db: SqliteDatabase): StoryStore & { db: SqliteDatabase } {
  const q = prepare(db);
  const events = createSqliteEventAssigner(db);
  // Inside this store's batch, the full-text rows of new stories are written together before
  // the commit (one INSERT ... SELECT from this seq on): through a trigger, row by row, the
  // full-text index cost about as much again as the rest of the story (ADR 0015).
  let batchOpen = false;
  let unindexedFrom: number | undefined;
  const flushFullText = (): void => {
    if (unindexedFrom === undefined) return;
    q.fullTextFrom.run(unindexedFrom);
    unindexedFrom = undefined;
  };
  // What a batch defers to its commit: the full-text rows and the events' document counts.
  const beforeCommit = (): void => {
    flushFullText();
    events.flushCounts();
  };
  // Reads the row, then writes it in one statement (topics follow by trigger): inside a
  // BEGIN that is atomic as it is; alone it gets its own BEGIN. `deferFullText`: inside this
  // store's batch, whose commit writes the full-text rows.
  const upsertHere = (
    draft: StoryDraft,
    now: number,
    announce: boolean,
    deferFullText: boolean,
    features?: StoryFeatures,
  ): UpsertResult => {
    const result = writeStory(draft, now, announce, deferFullText);
    if (features === undefined) return result;
    // In the story's transaction: a story already assigned keeps its event.
    if (result.story.eventId !== undefined) {
      const kept = { event: result.story.eventId, created: false, repeat: false, kept: true };
      return { ...result, event: kept };
    }
    const event = events.assign(result.story, features, now);
    if (!deferFullText) events.flushCounts();
    return { ...result, story: { ...result.story, eventId: event.event }, event };
  };
  const writeStory = (
    draft: StoryDraft,
    now: number,
    announce: boolean,
    deferFullText: boolean,
  ): UpsertResult => {
    const existing = q.byId.get(draft.id) as StoryRow | undefined;
    if (existing === undefined) {
      const { seq, result } = insert(q, draft, draftParams(draft), now, announce);
      if (deferFullText) unindexedFrom ??= seq;
      else q.fullTextOne.run(seq);
      return result;
    }
    const next = nextRevision(rowToStory(existing), draft);
    if (next === undefined) return { outcome: 'unchanged', story: rowToStory(existing) };
    // The update trigger takes the old text out of the full-text index: it must be there.
    flushFullText();
    q.update.run({ ...draftParams(next), updated_at: now });
    return { outcome: 'changed', story: rowToStory(q.byId.get(draft.id) as StoryRow) };
  };
  const upsertAlone = writeTransaction(db, upsertHere);
  const upsert = (draft: StoryDraft, now: number, announce: boolean, features?: StoryFeatures) =>
    inTransaction(db)
      ? upsertHere(draft, now, announce, batchOpen, features)
      : upsertAlone(draft, now, announce, false, features);
  const batch = async <T>(work: () => Promise<T>): Promise<T> => {
    if (inTransaction(db)) return work();
    batchOpen = true;
    try {
      return await inOneCommit(db, work, beforeCommit);
    } finally {
      batchOpen = false;
      unindexedFrom = undefined;
    }
  };
  return {
    db,
    // A write that fails rejects (it does not throw at the call).
    upsertStory: (draft, now, options) =>
      attempt(() => upsert(draft, now.getTime(), options?.announce ?? true, options?.event)),
    pendingAnnouncements: (limit) => Promise.resolve(mapAll(q.pending.all(limit))),
    markAnnounced: (ids) => attempt(() => void q.markAnnounced.run(JSON.stringify(ids))),
    getStory: (id) => Promise.resolve(mapOne(q.byId.get(id))),
    latestStories: (query) => Promise.resolve(latest(q, query)),
    searchStories: (text, limit) => Promise.resolve(search(db, text, limit)),
    storiesSince: (since, limit) => Promise.resolve(mapAll(q.since.all(since.getTime(), limit))),
    revisionsSince: (since, limit) =>
      Promise.resolve(
        (q.revisionsSince.all(since.getTime(), limit) as StoryRow[]).map(rowToRevision),
      ),
    topicCounts: () => Promise.resolve(q.topics.all() as TopicCount[]),
    allStories: (afterRowId, pageSize) => Promise.resolve(page(q, afterRowId, pageSize)),
    countStories: () => Promise.resolve((q.count.get() as { n: number }).n),
    batch,
    close: () => {
      if (db.open) db.close();
      return Promise.resolve();
    },
  };
}

/**
 * One BEGIN ... COMMIT around `work` (each story inside is one statement, so it stays atomic):
 * with FTS5 and four indexes, a commit per story costs more write I/O than the story's work.
 * It holds only its own writes: another store's write transaction meanwhile (a sent mark)
 * commits the batch so far and then itself (writeTransaction).
 * What completed is committed, `beforeCommit` first, even when `work` throws; a commit (or
 * `beforeCommit`) that fails is rolled back.
 */
async function inOneCommit<T>(
  db: SqliteDatabase,
  work: () => Promise<T>,
  beforeCommit: () => void,
): Promise<T> {
  openBatch(db, beforeCommit);
  try {
    return await work();
  } finally {
    closeBatch(db);
    // Defensive: a failed statement inside may already have ended the transaction.
    if (inTransaction(db)) commitOrRollback(db, beforeCommit);
  }
}

function attempt<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

/** Read through a call: the flag changes under `await`, which narrowing cannot see. */
function inTransaction(db: SqliteDatabase): boolean {
  return db.inTransaction;
}

function commitOrRollback(db: SqliteDatabase, beforeCommit: () => void): void {
  try {
    beforeCommit();
    db.exec('COMMIT');
  } catch (err) {
    if (inTransaction(db)) db.exec('ROLLBACK');
    throw err;
  }
}

function prepare(db: SqliteDatabase) {
  const cols = WRITTEN_COLUMNS.join(', ');
  const named = WRITTEN_COLUMNS.map((c) => `@${c}`).join(', ');
  const sets = WRITTEN_COLUMNS.filter((c) => c !== 'id')
    .map((c) => `${c} = @${c}`)
    .join(', ');
  return {
    byId: db.prepare('SELECT * FROM stories WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO stories (${cols}, announce, ingested_at, updated_at)
       VALUES (${named}, @announce, @now, @now)`,
    ),
    pending: db.prepare(`SELECT * FROM stories WHERE announce = 'pending' ORDER BY seq LIMIT ?`),
    // The ids as one JSON array: one statement for a batch.
    markAnnounced: db.prepare(
      `UPDATE stories SET announce = 'done'
       WHERE announce = 'pending' AND id IN (SELECT value FROM json_each(?))`,
    ),
    update: db.prepare(`UPDATE stories SET ${sets}, updated_at = @updated_at WHERE id = @id`),
    fullTextOne: db.prepare(
      `INSERT INTO stories_fts (rowid, title, body, search_text)
       SELECT seq, title, body, search_text FROM stories WHERE seq = ?`,
    ),
    fullTextFrom: db.prepare(
      `INSERT INTO stories_fts (rowid, title, body, search_text)
       SELECT seq, title, body, search_text FROM stories WHERE seq >= ? ORDER BY seq`,
    ),
    latest: db.prepare('SELECT * FROM stories ORDER BY published_at DESC, id LIMIT ?'),
    latestByTopic: db.prepare(
      `SELECT s.* FROM story_topics t JOIN stories s ON s.seq = t.story_seq
       WHERE t.topic = ? ORDER BY s.published_at DESC, s.id LIMIT ?`,
    ),
    since: db.prepare(
      'SELECT * FROM stories WHERE ingested_at >= ? ORDER BY ingested_at, seq LIMIT ?',
    ),
    revisionsSince: db.prepare(
      `SELECT ${REVISION_SELECT} FROM stories
       WHERE ingested_at >= ? ORDER BY ingested_at, seq LIMIT ?`,
    ),
    topics: db.prepare(
      `SELECT MIN(topic) AS topic, COUNT(*) AS count FROM story_topics
       GROUP BY topic COLLATE NOCASE ORDER BY count DESC, topic`,
    ),
    page: db.prepare('SELECT * FROM stories WHERE seq > ? ORDER BY seq LIMIT ?'),
    count: db.prepare('SELECT COUNT(*) AS n FROM stories'),
  };
}

type Queries = ReturnType<typeof prepare>;

function insert(
  q: Queries,
  draft: StoryDraft,
  params: Params,
  now: number,
  announce: boolean,
): { seq: number; result: UpsertResult } {
  const info = q.insert.run({ ...params, now, announce: announce ? 'pending' : 'skipped' });
  // The row is the draft just written: no need to read it back (nor parse its JSON).
  const story: Story = {
    ...draft,
    topics: [...draft.topics],
    keywords: [...draft.keywords],
    entities: [...draft.entities],
    summary: [...draft.summary],
    publishedAt: new Date(draft.publishedAt.getTime()),
    ingestedAt: new Date(now),
    updatedAt: new Date(now),
  };
  return { seq: Number(info.lastInsertRowid), result: { outcome: 'new', story } };
}

function latest(q: Queries, query: LatestQuery) {
  const rows =
    query.topic === undefined
      ? q.latest.all(query.limit)
      : q.latestByTopic.all(query.topic, query.limit);
  return mapAll(rows);
}

function search(db: SqliteDatabase, text: string, limit: number): SearchHit[] {
  const terms = searchTerms(text);
  if (terms.length === 0) return [];
  const words = terms.map((term) => ({ term, forms: searchForms(term) }));
  const hits = runSearch(db, fts5Query(words, 'AND'), limit);
  return hits.length > 0 || terms.length === 1
    ? hits
    : runSearch(db, fts5Query(words, 'OR'), limit);
}

/**
 * Ranks inside the FTS index first, then reads only the rows shown: joining every match to
 * the stories table before sorting read each matching row (body included), which cost 180 ms
 * for a common word at 100,000 stories. Rows tied on rank at the cut are all kept
 * (`rank <= the limit-th rank`), so the newest-first tie-break sees every tied story.
 */
function runSearch(db: SqliteDatabase, match: string, limit: number): SearchHit[] {
  const rows = db
    .prepare(
      `WITH ranked AS MATERIALIZED (
         SELECT rowid, bm25(stories_fts, 8.0, 1.0) AS rank FROM stories_fts
         WHERE stories_fts MATCH @match
       ),
       cut AS (SELECT rank FROM ranked ORDER BY rank LIMIT 1 OFFSET @limit - 1)
       SELECT s.*, r.rank FROM ranked r JOIN stories s ON s.seq = r.rowid
       WHERE r.rank <= COALESCE((SELECT rank FROM cut), 1e308)
       ORDER BY r.rank, s.published_at DESC LIMIT @limit`,
    )
    .all({ match, limit }) as (StoryRow & { rank: number })[];
  return rows.map((row) => ({ story: rowToStory(row), score: -row.rank }));
}

function page(q: Queries, afterRowId: number, pageSize: number) {
  const rows = q.page.all(afterRowId, pageSize) as StoryRow[];
  return { stories: rows.map(rowToStory), lastRowId: rows.at(-1)?.seq ?? afterRowId };
}

function mapOne(row: unknown) {
  return row === undefined ? undefined : rowToStory(row as StoryRow);
}

function mapAll(rows: unknown[]) {
  return (rows as StoryRow[]).map(rowToStory);
}
