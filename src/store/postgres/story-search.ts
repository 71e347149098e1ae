import type { SearchHit } from '../story-store.ts';
import { searchTerms } from '../search-terms.ts';
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

/** The tsvector of a story: title weighted A, body B (ts_rank_cd ranks title hits higher). */
export function searchVectorSql(titleParam: string, bodyParam: string): string {
  return (
    `setweight(to_tsvector('${TS_CONFIG}', ${titleParam}), 'A') || ` +
    `setweight(to_tsvector('${TS_CONFIG}', ${bodyParam}), 'B')`
  );
}

/**
 * Full-text search: every word must match; when none does and there were several words, any
 * word may. Queries are built only from `searchTerms` (letters and digits), each a parameter.
 */
export async function searchStories(
  db: PgQueryable,
  text: string,
  limit: number,
): Promise<SearchHit[]> {
  const terms = searchTerms(text).map(foldForSearch);
  if (terms.length === 0) return [];
  const all = await runSearch(db, `plainto_tsquery('${TS_CONFIG}', $2)`, [terms.join(' ')], limit);
  if (all.length > 0 || terms.length === 1) return all;
  const any = terms.map((_, i) => `plainto_tsquery('${TS_CONFIG}', $${i + 2})`).join(' || ');
  return runSearch(db, any, terms, limit);
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
