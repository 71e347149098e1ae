import type { Story, StoryDraft } from '../domain/story.ts';
import type { StoryRevision } from './story-store.ts';
import { column, fromRow, paramsOf, valuesOf, type RowCodec } from './columns.ts';

/**
 * The one description of a story's columns, read by both engines for row mapping, parameters
 * and the upsert rules: adding a field to a story is one line here plus one migration per
 * engine.
 */
export const DRAFT_COLUMNS = [
  column('id', 'text', 'id'),
  column('title', 'text', 'title'),
  column('body', 'text', 'body'),
  column('url', 'optional', 'url'),
  column('source', 'text', 'source'),
  column('section', 'optional', 'section'),
  column('topics', 'list', 'topics'),
  column('published_at', 'time', 'publishedAt'),
  column('date_estimated', 'flag', 'dateEstimated'),
  column('language', 'text', 'language'),
  column('image_url', 'optional', 'imageUrl'),
  column('content_hash', 'text', 'contentHash'),
  column('fingerprint', 'optional', 'fingerprint'),
  column('keywords', 'list', 'keywords'),
  column('entities', 'list', 'entities'),
  column('summary', 'list', 'summary'),
  column('duplicate_of', 'optional', 'duplicateOf'),
  column('origin_kind', 'text', 'origin.kind'),
  column('origin_ref', 'text', 'origin.ref'),
] as const;

/** With the store's own bookkeeping, read back with the draft's columns. */
const STORED_COLUMNS = [
  ...DRAFT_COLUMNS,
  column('ingested_at', 'time', 'ingestedAt'),
  column('updated_at', 'time', 'updatedAt'),
  // Written by the event assignment (src/store/event-assignment.ts), never by a draft.
  column('event_id', 'optional', 'eventId'),
];

export const DRAFT_COLUMN_NAMES: readonly string[] = DRAFT_COLUMNS.map((c) => c.name);

/** Every column of a `stories` row a read returns (`seq` is the row's own order). */
export const STORED_COLUMN_NAMES: readonly string[] = ['seq', ...STORED_COLUMNS.map((c) => c.name)];

/** The draft's values in `DRAFT_COLUMNS` order (positional parameters). */
export const draftValues = (draft: StoryDraft, codec: RowCodec): unknown[] =>
  valuesOf(draft, DRAFT_COLUMNS, codec);

/** The draft's values by column name (named parameters). */
export const draftParams = (draft: StoryDraft, codec: RowCodec): Record<string, unknown> =>
  paramsOf(draft, DRAFT_COLUMNS, codec);

const REVISION_COLUMNS = [
  column('id', 'text', 'id'),
  column('source', 'text', 'source'),
  column('language', 'text', 'language'),
  column('content_hash', 'text', 'contentHash'),
] as const;

/** The columns of a `StoryRevision` (a story without its text), for a SELECT list. */
export const REVISION_SELECT = REVISION_COLUMNS.map((c) => c.name).join(', ');

/** A row of `REVISION_SELECT`, as either engine returns it. */
export const rowToRevision = (row: Record<string, unknown>, codec: RowCodec): StoryRevision =>
  fromRow(row, REVISION_COLUMNS, codec) as unknown as StoryRevision;

/** A `stories` row, as either engine returns it, as a story (absent optionals left out). */
export const rowToStory = (row: Record<string, unknown>, codec: RowCodec): Story =>
  fromRow(row, STORED_COLUMNS, codec) as unknown as Story;

/**
 * The upsert rule, the same on both engines: what to write over a stored story, or nothing
 * when the draft changes none of its columns. A story whose date was never known keeps the
 * time it was first seen.
 */
export function nextRevision(existing: Story, draft: StoryDraft): StoryDraft | undefined {
  const next =
    existing.dateEstimated && draft.dateEstimated
      ? { ...draft, publishedAt: existing.publishedAt }
      : draft;
  return revisionOf(existing) === revisionOf(next) ? undefined : next;
}

const PLAIN: RowCodec = {
  list: { to: (v) => v, from: (v) => v as string[] },
  json: { to: (v) => v, from: (v) => v },
  time: { to: (v) => v.getTime(), from: (v) => new Date(v as number) },
  flag: { to: (v) => v, from: (v) => v as boolean },
};

/** Everything a draft stores, as one comparable string: equal strings mean an unchanged story. */
export function revisionOf(story: StoryDraft): string {
  return JSON.stringify(draftValues(story, PLAIN));
}
