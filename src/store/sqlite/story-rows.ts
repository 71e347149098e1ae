import type { Story, StoryDraft } from '../../domain/story.ts';
import { searchText } from '../../text/search-text.ts';

/** A `stories` row as SQLite returns it. */
export interface StoryRow {
  seq: number;
  id: string;
  title: string;
  body: string;
  url: string | null;
  source: string;
  section: string | null;
  topics: string;
  published_at: number;
  date_estimated: number;
  language: string;
  image_url: string | null;
  content_hash: string;
  fingerprint: string | null;
  keywords: string;
  entities: string;
  summary: string;
  duplicate_of: string | null;
  origin_kind: string;
  origin_ref: string;
  search_text: string;
  ingested_at: number;
  updated_at: number;
}

export function rowToStory(row: StoryRow): Story {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    ...(row.url === null ? {} : { url: row.url }),
    source: row.source,
    ...(row.section === null ? {} : { section: row.section }),
    topics: parseList(row.topics),
    publishedAt: new Date(row.published_at),
    dateEstimated: row.date_estimated === 1,
    language: row.language,
    ...(row.image_url === null ? {} : { imageUrl: row.image_url }),
    contentHash: row.content_hash,
    ...(row.fingerprint === null ? {} : { fingerprint: row.fingerprint }),
    keywords: parseList(row.keywords),
    entities: parseList(row.entities),
    summary: parseList(row.summary),
    ...(row.duplicate_of === null ? {} : { duplicateOf: row.duplicate_of }),
    origin: { kind: row.origin_kind === 'feed' ? 'feed' : 'content', ref: row.origin_ref },
    ingestedAt: new Date(row.ingested_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** The named parameters of an insert or update, from a draft. */
export function draftParams(draft: StoryDraft): Record<string, string | number | null> {
  return {
    id: draft.id,
    title: draft.title,
    body: draft.body,
    url: draft.url ?? null,
    source: draft.source,
    section: draft.section ?? null,
    topics: JSON.stringify(draft.topics),
    published_at: draft.publishedAt.getTime(),
    date_estimated: draft.dateEstimated ? 1 : 0,
    language: draft.language,
    image_url: draft.imageUrl ?? null,
    content_hash: draft.contentHash,
    fingerprint: draft.fingerprint ?? null,
    keywords: JSON.stringify(draft.keywords),
    entities: JSON.stringify(draft.entities),
    summary: JSON.stringify(draft.summary),
    duplicate_of: draft.duplicateOf ?? null,
    origin_kind: draft.origin.kind,
    origin_ref: draft.origin.ref,
    search_text: searchText(draft.title, draft.body, draft.language),
  };
}

function parseList(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
