import type { SearchHit } from '../story-store.ts';
import { searchForms, searchText } from '../../text/search-text.ts';
import { searchTerms, type SearchWord } from '../search-terms.ts';
import { rowsOf, type PgQueryable } from './pool.ts';
import { rowToStory, STORY_SELECT, type PgStoryRow } from './story-rows.ts';

/** The text search configuration: English stemming, as SQLite's porter tokenizer. */
export const TS_CONFIG = 'english';

/**
 * Text as it is indexed and searched: accents removed and lowercased here, in one place, so
 * "cafe" finds "Café" without the unaccent extension (which managed servers may lack).
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/**
 * The tsvector of a story: title weighted A, body B (ts_rank_cd ranks title hits higher),
 * and its search text (segmented words and stems, `searchText`) C, which only the searched
 * words' other forms look for.
 */
export function searchVectorSql(titleParam: string, bodyParam: string, textParam: string): string {
  return (
    `setweight(to_tsvector('${TS_CONFIG}', ${titleParam}), 'A') || ` +
    `setweight(to_tsvector('${TS_CONFIG}', ${bodyParam}), 'B') || ` +
    `setweight(to_tsvector('simple', ${textParam}), 'C')`
  );
}

/**
 * Full-text search: every word must match; when none does and there were several words, any
 * word may. A word matches as itself (English stemming) or as one of its other forms in the
 * search text (segments of a script without spaces, stems of other languages). Queries are
 * built only from `searchTerms` (letters and digits), each a parameter.
 */
export async function searchStories(
  db: PgQueryable,
  text: string,
  limit: number,
): Promise<SearchHit[]> {
  const words = searchTerms(text).map((term) => ({ term, forms: searchForms(term) }));
  if (words.length === 0) return [];
  const values: string[] = [];
  const queries = words.map((word) => {
    const forms = otherForms(word);
    values.push(foldForSearch(word.term));
    const itself = `plainto_tsquery('${TS_CONFIG}', $${values.length + 1})`;
    if (forms === '') return itself;
    values.push(forms);
    return `(${itself} || to_tsquery('simple', $${values.length + 1}))`;
  });
  const all = await runSearch(db, queries.join(' && '), values, limit);
  if (all.length > 0 || words.length === 1) return all;
  return runSearch(db, queries.join(' || '), values, limit);
}

/** A tsquery text of a word's other forms, each only in the search text (weight C). */
function otherForms({ forms }: SearchWord): string {
  const lexeme = (form: string) => `'${foldForSearch(form).replace(/'/g, "''")}':C`;
  const phrases = [
    ...(forms.segments === undefined ? [] : [forms.segments.map(lexeme).join(' <-> ')]),
    ...forms.stems.filter((stem) => stem !== '').map(lexeme),
  ];
  return phrases.join(' | ');
}
async function runSearch(
  db: PgQueryable,
  query: string,
  values: string[],
  limit: number,
): Promise<SearchHit[]> {
  const rows = await rowsOf<PgStoryRow & { rank: number }>(
    db,
    `SELECT ${STORY_SELECT}, ts_rank_cd(search, q) AS rank
     FROM stories, (SELECT ${query} AS q) AS query
     WHERE search @@ q ORDER BY rank DESC, published_at DESC, id LIMIT $1`,
    [limit, ...values],
  );
  return rows.map((row) => ({ story: rowToStory(row), score: row.rank }));
}

/** The parameters of `searchVectorSql`: title, body and search text, folded. */
export function searchValues(story: { title: string; body: string; language: string }): string[] {
  const text = searchText(story.title, story.body, story.language);
  return [foldForSearch(story.title), foldForSearch(story.body), foldForSearch(text)];
}
