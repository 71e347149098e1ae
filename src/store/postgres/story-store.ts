import type { StoryDraft } from '../../domain/story.ts';
import type { StoryFeatures } from '../../text/events/features.ts';
import { createPgEventAssigner, type PgEventAssigner } from './event-store.ts';
import type { LatestQuery, StoryStore, TopicCount, UpsertResult } from '../story-store.ts';
import { changed, inTransaction, rowsOf, type PgClient, type PgPool } from './pool.ts';
import { nextRevision, REVISION_SELECT } from '../story-columns.ts';
import { searchStories, searchValues, searchVectorSql } from './story-search.ts';
import {
  DRAFT_COLUMNS,
  draftValues,
  rowToRevision,
  rowToStory,
  STORY_SELECT,
  type PgStoryRow,
} from './story-rows.ts';

const N = DRAFT_COLUMNS.length;
const placeholders = DRAFT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
const VECTOR = searchVectorSql(`$${N + 1}`, `$${N + 2}`, `$${N + 3}`);

const INSERT = `INSERT INTO stories (${DRAFT_COLUMNS.join(', ')}, search, announce, ingested_at,
    updated_at)
  VALUES (${placeholders}, ${VECTOR}, $${N + 4}, $${N + 5}, $${N + 5})
  ON CONFLICT (id) DO NOTHING RETURNING ${STORY_SELECT}`;

const UPDATE = `UPDATE stories SET ${DRAFT_COLUMNS.slice(1)
  .map((c, i) => `${c} = $${i + 2}`)
  .join(', ')}, search = ${VECTOR}, updated_at = $${N + 4}
  WHERE id = $1 RETURNING ${STORY_SELECT}`;

/** The StoryStore on PostgreSQL: full text in a weighted tsvector with a GIN index. */
export function createPgStoryStore(pool: PgPool): StoryStore {
  const select = (where: string, values: unknown[]) =>
    rowsOf<PgStoryRow>(pool, `SELECT ${STORY_SELECT} FROM stories ${where}`, values).then((rows) =>
      rows.map(rowToStory),
    );
  const assignEvent = createPgEventAssigner();
  return {
    upsertStory: (draft, now, options) =>
      inTransaction(pool, async (c) => {
        const result = await upsert(c, draft, now, options?.announce ?? true);
        return options?.event === undefined
          ? result
          : withEvent(c, result, options.event, now, assignEvent);
      }),
    pendingAnnouncements: (limit) =>
      select(`WHERE announce = 'pending' ORDER BY seq LIMIT $1`, [limit]),
    markAnnounced: async (ids) => {
      await changed(
        pool,
        `UPDATE stories SET announce = 'done' WHERE id = ANY ($1) AND announce = 'pending'`,
        [[...ids]],
      );
    },
    getStory: async (id) => (await select('WHERE id = $1', [id]))[0],
    latestStories: (query) => latest(pool, query),
    searchStories: (text, limit) => searchStories(pool, text, limit),
    storiesSince: (since, limit) =>
      select('WHERE ingested_at >= $1 ORDER BY ingested_at, seq LIMIT $2', [since, limit]),
    revisionsSince: async (since, limit) =>
      (
        await rowsOf<PgStoryRow>(
          pool,
          `SELECT ${REVISION_SELECT} FROM stories
           WHERE ingested_at >= $1 ORDER BY ingested_at, seq LIMIT $2`,
          [since, limit],
        )
      ).map(rowToRevision),
    topicCounts: () =>
      rowsOf<TopicCount>(
        pool,
        `SELECT MIN(topic) AS topic, COUNT(*) AS count FROM story_topics
         GROUP BY topic_key ORDER BY count DESC, topic`,
      ),
    allStories: (afterRowId, pageSize) => page(pool, afterRowId, pageSize),
    countStories: async () =>
      (await rowsOf<{ n: number }>(pool, 'SELECT COUNT(*) AS n FROM stories'))[0]?.n ?? 0,
    close: async () => {
      if (!pool.ended && !pool.ending) await pool.end();
    },
  };
}

async function upsert(
  c: PgClient,
  draft: StoryDraft,
  now: Date,
  announce: boolean,
): Promise<UpsertResult> {
  const fold = searchValues(draft);
  const state = announce ? 'pending' : 'skipped';
  const inserted = await rowsOf<PgStoryRow>(c, INSERT, [
    ...draftValues(draft),
    ...fold,
    state,
    now,
  ]);
  const fresh = inserted[0];
  if (fresh !== undefined) {
    await replaceTopics(c, fresh.seq, draft.topics);
    return { outcome: 'new', story: rowToStory(fresh) };
  }
  const [row] = await rowsOf<PgStoryRow>(
    c,
    `SELECT ${STORY_SELECT} FROM stories WHERE id = $1 FOR UPDATE`,
    [draft.id],
  );
  if (row === undefined) throw new Error(`story ${draft.id} vanished during its upsert`);
  const existing = rowToStory(row);
  const next = nextRevision(existing, draft);
  if (next === undefined) return { outcome: 'unchanged', story: existing };
  const [updated] = await rowsOf<PgStoryRow>(c, UPDATE, [...draftValues(next), ...fold, now]);
  if (updated === undefined) throw new Error(`story ${draft.id} vanished during its update`);
  await replaceTopics(c, updated.seq, next.topics);
  return { outcome: 'changed', story: rowToStory(updated) };
}

/** Assigns the upserted story to an event in its transaction, unless it has one (kept). */
async function withEvent(
  c: PgClient,
  result: UpsertResult,
  features: StoryFeatures,
  now: Date,
  assign: PgEventAssigner,
): Promise<UpsertResult> {
  if (result.story.eventId !== undefined) {
    const kept = { event: result.story.eventId, created: false, repeat: false, kept: true };
    return { ...result, event: kept };
  }
  const event = await assign(c, result.story, features, now);
  return { ...result, story: { ...result.story, eventId: event.event }, event };
}

async function replaceTopics(c: PgClient, seq: number, topics: readonly string[]): Promise<void> {
  await c.query('DELETE FROM story_topics WHERE story_seq = $1', [seq]);
  if (topics.length === 0) return;
  await c.query(
    `INSERT INTO story_topics (topic_key, topic, story_seq)
     SELECT lower_topic, topic, $3 FROM unnest($1::text[], $2::text[]) AS t (lower_topic, topic)
     ON CONFLICT DO NOTHING`,
    [topics.map((t) => t.toLowerCase()), [...topics], seq],
  );
}

function latest(pool: PgPool, query: LatestQuery) {
  const columns = STORY_SELECT.split(', ')
    .map((c) => `s.${c}`)
    .join(', ');
  const sql =
    query.topic === undefined
      ? `SELECT ${STORY_SELECT} FROM stories ORDER BY published_at DESC, id LIMIT $1`
      : `SELECT ${columns} FROM story_topics t JOIN stories s ON s.seq = t.story_seq
         WHERE t.topic_key = $2 ORDER BY s.published_at DESC, s.id LIMIT $1`;
  const values =
    query.topic === undefined ? [query.limit] : [query.limit, query.topic.toLowerCase()];
  return rowsOf<PgStoryRow>(pool, sql, values).then((rows) => rows.map(rowToStory));
}

async function page(pool: PgPool, afterRowId: number, pageSize: number) {
  const rows = await rowsOf<PgStoryRow>(
    pool,
    `SELECT ${STORY_SELECT} FROM stories WHERE seq > $1 ORDER BY seq LIMIT $2`,
    [afterRowId, pageSize],
  );
  return { stories: rows.map(rowToStory), lastRowId: rows.at(-1)?.seq ?? afterRowId };
}
