import type { Filters } from '../domain/subscription.ts';

const lower = (s: string) => s.toLowerCase();

function without(list: readonly string[], remove: readonly string[]): string[] {
  const gone = new Set(remove.map(lower));
  return list.filter((t) => !gone.has(lower(t)));
}

function union(list: readonly string[], add: readonly string[]): string[] {
  const have = new Set(list.map(lower));
  return [...list, ...add.filter((t) => !have.has(lower(t)))];
}

/**
 * Follows these topics: they leave the exclude list and join the include list, except in a chat
 * that follows everything, where an excluded topic only stops being excluded.
 */
export function followTopics(filters: Filters, topics: readonly string[]): Filters {
  const excluded = new Set(filters.excludeTopics.map(lower));
  const everything = filters.includeTopics.length === 0;
  const add = everything ? topics.filter((t) => !excluded.has(lower(t))) : topics;
  return {
    ...filters,
    includeTopics: union(filters.includeTopics, add),
    excludeTopics: without(filters.excludeTopics, topics),
  };
}

export interface Unfollowed {
  filters: Filters;
  /** Topics named that the chat did not follow by name. */
  notFollowed: string[];
  /** The chat followed only the removed topics: nothing is left to follow. */
  emptied: boolean;
}

/**
 * Stops these topics. A chat that follows chosen topics drops them (and follows nothing when
 * none is left); a chat that follows everything excludes them instead.
 */
export function unfollowTopics(filters: Filters, topics: readonly string[]): Unfollowed {
  if (filters.includeTopics.length === 0) {
    const excludeTopics = union(filters.excludeTopics, topics);
    return { filters: { ...filters, excludeTopics }, notFollowed: [], emptied: false };
  }
  const followed = new Set(filters.includeTopics.map(lower));
  const includeTopics = without(filters.includeTopics, topics);
  return {
    filters: { ...filters, includeTopics },
    notFollowed: topics.filter((t) => !followed.has(lower(t))),
    emptied: includeTopics.length === 0,
  };
}

/** One `filter` change: `+term` (include) or `-term` (exclude). */
export interface KeywordChange {
  include: boolean;
  term: string;
}

/**
 * Applies `filter` changes in order: a term joins one keyword list and leaves the other (so
 * `-word` after `+word` turns it around), case-insensitively.
 */
export function editKeywords(filters: Filters, changes: readonly KeywordChange[]): Filters {
  let { includeKeywords, excludeKeywords } = filters;
  for (const { include, term } of changes) {
    if (include) {
      excludeKeywords = without(excludeKeywords, [term]);
      includeKeywords = union(includeKeywords, [term]);
    } else {
      includeKeywords = without(includeKeywords, [term]);
      excludeKeywords = union(excludeKeywords, [term]);
    }
  }
  return { ...filters, includeKeywords, excludeKeywords };
}

/** `filter clear`: no word filters left (topics stay). */
export function clearKeywords(filters: Filters): Filters {
  return { ...filters, includeKeywords: [], excludeKeywords: [] };
}
