import type { PgClient } from './pool.ts';
import type { PgMigration } from './migrations.ts';
import { searchValues, searchVectorSql } from './story-search.ts';

/**
 * Version 11: a story's tsvector holds its search text too (segmented words and stems of a
 * story not in English; see `searchText`). Stories stored before that are not in English get
 * their vector again here; English ones have no search text, so theirs stays as it is.
 */
export const searchTextMigration: PgMigration = {
  version: 12,
  name: 'full-text search text: segmented words and stems of every language',
  sql: 'SELECT 1',
  then: recomputeVectors,
};

async function recomputeVectors(client: PgClient): Promise<void> {
  const { rows } = await client.query<{
    seq: number;
    title: string;
    body: string;
    language: string;
  }>(`SELECT seq, title, body, language FROM stories WHERE language NOT LIKE 'en%'`);
  for (const row of rows) {
    await client.query(
      `UPDATE stories SET search = ${searchVectorSql('$2', '$3', '$4')} WHERE seq = $1`,
      [row.seq, ...searchValues(row)],
    );
  }
}
