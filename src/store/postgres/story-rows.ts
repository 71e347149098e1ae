import type { Story, StoryDraft } from '../../domain/story.ts';

/** A `stories` row as pg returns it (timestamptz as Date, text[] as arrays). */
export interface PgStoryRow {
  seq: number;
  id: string;
  title: string;
  body: string;
  url: string | null;
  source: string;
  section: string | null;
  topics: string[];
  published_at: Date;
  date_estimated: boolean;
  language: string;
  image_url: string | null;
  content_hash: string;
  fingerprint: string | null;
  keywords: string[];
  entities: string[];
  summary: string[];
  duplicate_of: string | null;
  origin_kind: string;
  origin_ref: string;
  ingested_at: Date;
  updated_at: Date;
}

/** The columns a draft fills, in the order of `draftValues`. */
export const DRAFT_COLUMNS = [
  'id',
  'title',
  'body',
  'url',
  'source',
  'section',
  'topics',
  'published_at',
  'date_estimated',
  'language',
  'image_url',
  'content_hash',
  'fingerprint',
  'keywords',
  'entities',
  'summary',
  'duplicate_of',
  'origin_kind',
  'origin_ref',
] as const;

/** Every column but the tsvector, for SELECT and RETURNING. */
export const STORY_SELECT = ['seq', ...DRAFT_COLUMNS, 'ingested_at', 'updated_at'].join(', ');

export function draftValues(d: StoryDraft): unknown[] {
  return [
    d.id,
    d.title,
    d.body,
    d.url ?? null,
    d.source,
    d.section ?? null,
    d.topics,
    d.publishedAt,
    d.dateEstimated,
    d.language,
    d.imageUrl ?? null,
    d.contentHash,
    d.fingerprint ?? null,
    d.keywords,
    d.entities,
    d.summary,
    d.duplicateOf ?? null,
    d.origin.kind,
    d.origin.ref,
  ];
}

export function rowToStory(row: PgStoryRow): Story {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    ...(row.url === null ? {} : { url: row.url }),
    source: row.source,
    ...(row.section === null ? {} : { section: row.section }),
    topics: row.topics,
    publishedAt: row.published_at,
    dateEstimated: row.date_estimated,
    language: row.language,
    ...(row.image_url === null ? {} : { imageUrl: row.image_url }),
    contentHash: row.content_hash,
    ...(row.fingerprint === null ? {} : { fingerprint: row.fingerprint }),
    keywords: row.keywords,
    entities: row.entities,
    summary: row.summary,
    ...(row.duplicate_of === null ? {} : { duplicateOf: row.duplicate_of }),
    origin: { kind: row.origin_kind === 'feed' ? 'feed' : 'content', ref: row.origin_ref },
    ingestedAt: row.ingested_at,
    updatedAt: row.updated_at,
  };
}

/** Everything a draft stores, as one comparable string: equal strings mean an unchanged story. */
export function revisionOf(d: StoryDraft): string {
  return JSON.stringify(draftValues(d).map((v) => (v instanceof Date ? v.getTime() : v)));
}
