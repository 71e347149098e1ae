/** At most this many words of a search are used; the rest is ignored. */
export const MAX_SEARCH_TERMS = 16;

/**
 * The words of a user's search text: letters and digits only, lowercase, deduplicated.
 * Every operator, quote and bracket is dropped, so any input is a valid query for every store.
 */
export function searchTerms(text: string): string[] {
  const tokens =
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(tokens.filter((t) => t.length <= 64))].slice(0, MAX_SEARCH_TERMS);
}

/** An FTS5 MATCH expression: each term quoted (a literal), joined by AND or OR. */
export function fts5Query(terms: readonly string[], join: 'AND' | 'OR'): string {
  return terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(` ${join} `);
}
