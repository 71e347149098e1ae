import type { Story, StoryDraft } from '../../domain/story.ts';
import * as columns from '../story-columns.ts';
import type { StoryRevision } from '../story-store.ts';
import { POSTGRES_CODEC } from './codec.ts';

/** A `stories` row as pg returns it: the columns of `story-columns.ts`, and `seq`. */
export type PgStoryRow = Record<string, unknown> & { seq: number; id: string };

/** The columns a draft fills, in the order of `draftValues`. */
export const DRAFT_COLUMNS = columns.DRAFT_COLUMN_NAMES;

/** Every column but the tsvector, for SELECT and RETURNING. */
export const STORY_SELECT = columns.STORED_COLUMN_NAMES.join(', ');

export const draftValues = (draft: StoryDraft): unknown[] =>
  columns.draftValues(draft, POSTGRES_CODEC);

export const rowToStory = (row: PgStoryRow): Story => columns.rowToStory(row, POSTGRES_CODEC);

export const rowToRevision = (row: Record<string, unknown>): StoryRevision =>
  columns.rowToRevision(row, POSTGRES_CODEC);
