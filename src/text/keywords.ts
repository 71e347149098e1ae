import { contentWords } from './tokenize.ts';

/**
 * Corpus statistics for TF-IDF: how many documents were seen and in how many of them each
 * term occurs. Updated one document at a time (ingest), never rebuilt.
 */
export class TermStats {
  #docCount = 0;
  readonly #df = new Map<string, number>();

  /** Counts one document; `terms` may repeat, each distinct term counts once. */
  addDocument(terms: Iterable<string>): void {
    this.#docCount += 1;
    for (const term of new Set(terms)) this.#df.set(term, (this.#df.get(term) ?? 0) + 1);
  }

  /** Forgets a document added earlier with the same terms. */
  removeDocument(terms: Iterable<string>): void {
    this.#docCount = Math.max(0, this.#docCount - 1);
    for (const term of new Set(terms)) {
      const n = (this.#df.get(term) ?? 0) - 1;
      if (n > 0) this.#df.set(term, n);
      else this.#df.delete(term);
    }
  }

  df(term: string): number {
    return this.#df.get(term) ?? 0;
  }

  get docCount(): number {
    return this.#docCount;
  }

  get termCount(): number {
    return this.#df.size;
  }

  /** Smoothed inverse document frequency; a term never seen gets the highest value. */
  idf(term: string): number {
    return Math.log((this.#docCount + 1) / (this.df(term) + 0.5));
  }
}

/** The terms TF-IDF counts for a story: content words of the title and the body. */
export function storyTerms(title: string, body: string): string[] {
  return contentWords(`${title}\n${body}`);
}

/** How often each term occurs. */
export function termCounts(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

const TITLE_WEIGHT = 2;

/**
 * The `k` top terms of a story by TF-IDF (sublinear term frequency, title words counted
 * `TITLE_WEIGHT` times), lowercase, best first. Pure numbers are left out: they make poor
 * keywords for a reader. Ties keep the order of first occurrence.
 */
export function extractKeywords(title: string, body: string, stats: TermStats, k = 10): string[] {
  const counts = termCounts(contentWords(body));
  for (const term of contentWords(title)) {
    counts.set(term, (counts.get(term) ?? 0) + TITLE_WEIGHT);
  }
  const scored = [...counts]
    .filter(([term]) => !/^\d+$/.test(term))
    .map(([term, tf]) => ({ term, score: (1 + Math.log(tf)) * stats.idf(term) }));
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, k).map((s) => s.term);
}
