import type { Story, StoryDraft } from '../../domain/story.ts';
import * as columns from '../story-columns.ts';

/** A `stories` row as SQLite returns it: the columns of `story-columns.ts`, and `seq`. */
export type StoryRow = Record<string, unknown> & { seq: number; id: string };

/** SQLite keeps lists as JSON text, times as epoch milliseconds and flags as 0/1. */
const SQLITE: columns.StoryCodec = {
  list: { to: (v) => JSON.stringify(v), from: (v) => parseList(v as string) },
  time: { to: (v) => v.getTime(), from: (v) => new Date(v as number) },
  flag: { to: (v) => (v ? 1 : 0), from: (v) => v === 1 },
};

export const rowToStory = (row: StoryRow): Story => columns.rowToStory(row, SQLITE);

/** The named parameters of an insert or update, from a draft. */
export const draftParams = (draft: StoryDraft): Record<string, unknown> =>
  columns.draftParams(draft, SQLITE);

function parseList(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
