import type { Story, StoryDraft } from '../../domain/story.ts';
import * as columns from '../story-columns.ts';
import { SQLITE_CODEC } from './codec.ts';

/** A `stories` row as SQLite returns it: the columns of `story-columns.ts`, and `seq`. */
export type StoryRow = Record<string, unknown> & { seq: number; id: string };

export const rowToStory = (row: StoryRow): Story => columns.rowToStory(row, SQLITE_CODEC);

/** The named parameters of an insert or update, from a draft. */
export const draftParams = (draft: StoryDraft): Record<string, unknown> =>
  columns.draftParams(draft, SQLITE_CODEC);
