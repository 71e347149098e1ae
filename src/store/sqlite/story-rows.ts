import type { Story, StoryDraft } from '../../domain/story.ts';
import { searchText } from '../../text/search-text.ts';
import * as columns from '../story-columns.ts';
import type { StoryRevision } from '../story-store.ts';
import { SQLITE_CODEC } from './codec.ts';

/** A `stories` row as SQLite returns it: the columns of `story-columns.ts`, and `seq`. */
export type StoryRow = Record<string, unknown> & { seq: number; id: string };

/** The columns an insert or update writes: the draft's, and the search text derived from it. */
export const WRITTEN_COLUMNS: readonly string[] = [...columns.DRAFT_COLUMN_NAMES, 'search_text'];

export const rowToStory = (row: StoryRow): Story => columns.rowToStory(row, SQLITE_CODEC);

export const rowToRevision = (row: Record<string, unknown>): StoryRevision =>
  columns.rowToRevision(row, SQLITE_CODEC);

/** The named parameters of an insert or update, from a draft, with its search text. */
export const draftParams = (draft: StoryDraft): Record<string, unknown> => ({
  ...columns.draftParams(draft, SQLITE_CODEC),
  search_text: searchText(draft.title, draft.body, draft.language),
});
