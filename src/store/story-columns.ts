import type { Story, StoryDraft } from '../domain/story.ts';

/**
 * The one description of a story's columns, read by both engines for row mapping, parameters
 * and the upsert rules: adding a field to a story is one line here plus one migration per
 * engine. Each engine says how it keeps a kind of value (its `StoryCodec`).
 */
export type ColumnKind = 'text' | 'optional' | 'list' | 'time' | 'flag';

interface Column {
  /** The column's name in both engines' `stories` table. */
  name: string;
  kind: ColumnKind;
  /** Where the value sits in a draft or story: a key, or `parent.key` one level down. */
  field: string;
}

const column = (name: string, kind: ColumnKind, field: string): Column => ({ name, kind, field });

/** The columns a draft fills, in this order everywhere (insert values, update sets). */
export const DRAFT_COLUMNS: readonly Column[] = [
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
];

/** The store's own bookkeeping, read back with the draft's columns. */
const STORED_COLUMNS: readonly Column[] = [
  ...DRAFT_COLUMNS,
  column('ingested_at', 'time', 'ingestedAt'),
  column('updated_at', 'time', 'updatedAt'),
];

/** Splits `parent.key` once, at load, for every column. */
const PATHS = new Map(STORED_COLUMNS.map((c) => [c, c.field.split('.')] as const));

function read(story: object, c: Column): unknown {
  const [head = '', leaf] = PATHS.get(c) ?? [];
  const top = (story as Record<string, unknown>)[head];
  return leaf === undefined ? top : (top as Record<string, unknown>)[leaf];
}

export const DRAFT_COLUMN_NAMES: readonly string[] = DRAFT_COLUMNS.map((c) => c.name);

/** What a `stories` row holds besides the draft: the store's own bookkeeping. */
export const STORED_COLUMN_NAMES: readonly string[] = ['seq', ...STORED_COLUMNS.map((c) => c.name)];

/** How one engine keeps lists, times and flags (text and null are the same everywhere). */
export interface StoryCodec {
  list: { to(value: readonly string[]): unknown; from(value: unknown): string[] };
  time: { to(value: Date): unknown; from(value: unknown): Date };
  flag: { to(value: boolean): unknown; from(value: unknown): boolean };
}

function encode(codec: StoryCodec, kind: ColumnKind, value: unknown): unknown {
  switch (kind) {
    case 'text':
      return value;
    case 'optional':
      return value ?? null;
    case 'list':
      return codec.list.to(value as string[]);
    case 'time':
      return codec.time.to(value as Date);
    case 'flag':
      return codec.flag.to(value as boolean);
  }
}

/** The draft's values in `DRAFT_COLUMNS` order (positional parameters). */
export function draftValues(draft: StoryDraft, codec: StoryCodec): unknown[] {
  return DRAFT_COLUMNS.map((c) => encode(codec, c.kind, read(draft, c)));
}

/** The draft's values by column name (named parameters). */
export function draftParams(draft: StoryDraft, codec: StoryCodec): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const c of DRAFT_COLUMNS) params[c.name] = encode(codec, c.kind, read(draft, c));
  return params;
}

function decode(codec: StoryCodec, kind: ColumnKind, value: unknown): unknown {
  switch (kind) {
    case 'text':
      return value;
    case 'optional':
      return value ?? undefined;
    case 'list':
      return codec.list.from(value);
    case 'time':
      return codec.time.from(value);
    case 'flag':
      return codec.flag.from(value);
  }
}

/** A `stories` row, as either engine returns it, as a story (absent optionals left out). */
export function rowToStory(row: Record<string, unknown>, codec: StoryCodec): Story {
  const story: Record<string, unknown> = {};
  for (const c of STORED_COLUMNS) {
    const value = decode(codec, c.kind, row[c.name]);
    if (value === undefined) continue;
    const [head = '', leaf] = PATHS.get(c) ?? [];
    if (leaf === undefined) story[head] = value;
    else ((story[head] ??= {}) as Record<string, unknown>)[leaf] = value;
  }
  return story as unknown as Story;
}

/**
 * The upsert rules, the same on both engines: what to write over a stored story, or nothing
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

const JSON_CODEC: StoryCodec = {
  list: { to: (v) => v, from: (v) => v as string[] },
  time: { to: (v) => v.getTime(), from: (v) => new Date(v as number) },
  flag: { to: (v) => v, from: (v) => v as boolean },
};

/** Everything a draft stores, as one comparable string: equal strings mean an unchanged story. */
export function revisionOf(story: StoryDraft): string {
  return JSON.stringify(draftValues(story, JSON_CODEC));
}
