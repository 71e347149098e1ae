import type { SearchForms } from '../text/search-text.ts';

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

/** A search word and the other forms it may take in a story's search text. */
export interface SearchWord {
  term: string;
  forms: SearchForms;
}

/**
 * An FTS5 MATCH expression: each term quoted (a literal), or any of its forms in the
 * `search_text` column (its segments as a phrase, its stems), joined by AND or OR.
 */
export function fts5Query(words: readonly SearchWord[], join: 'AND' | 'OR'): string {
  return words.map(fts5Word).join(` ${join} `);
}

function fts5Word({ term, forms }: SearchWord): string {
  const phrases = [
    ...(forms.segments === undefined ? [] : [forms.segments.join(' ')]),
    ...forms.stems,
  ];
  if (phrases.length === 0) return quoted(term);
  return `(${[quoted(term), ...phrases.map((p) => `search_text : ${quoted(p)}`)].join(' OR ')})`;
}

function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}
