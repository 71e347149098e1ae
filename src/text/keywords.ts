import type { TermCounts } from './story-text.ts';
import { countWords } from './story-text.ts';
import { contentWords, words } from './tokenize.ts';

/**
 * Corpus statistics for TF-IDF: how many documents were seen and in how many of them each
 * term occurs. Updated one document at a time (ingest), never rebuilt. Each term seen gets a
 * number (`termId`), kept for the life of the object, which the related index shares.
 */
export class TermStats {
  #docCount = 0;
  #termCount = 0;
  readonly #ids = new Map<string, number>();
  readonly #terms: string[] = [];
  #df = new Int32Array(1024);

  /** Counts one document; `terms` may repeat, each distinct term counts once. */
  addDocument(terms: Iterable<string>): void {
    this.#docCount += 1;
    for (const term of distinct(terms)) {
      const id = this.termId(term);
      const n = (this.#df[id] ?? 0) + 1;
      this.#df[id] = n;
      if (n === 1) this.#termCount += 1;
    }
  }

  /** The same with the terms' numbers (`termId`), each once. */
  addDocumentIds(ids: readonly number[]): void {
    this.#docCount += 1;
    for (const id of ids) {
      const n = (this.#df[id] ?? 0) + 1;
      this.#df[id] = n;
      if (n === 1) this.#termCount += 1;
    }
  }

  /** Forgets a document added earlier with the same terms. */
  removeDocument(terms: Iterable<string>): void {
    this.#docCount = Math.max(0, this.#docCount - 1);
    for (const term of distinct(terms)) {
      const id = this.#ids.get(term);
      if (id === undefined || (this.#df[id] ?? 0) === 0) continue;
      const n = (this.#df[id] ?? 0) - 1;
      this.#df[id] = n;
      if (n === 0) this.#termCount -= 1;
    }
  }

  /** The number of a term (given on first sight, never reused). */
  termId(term: string): number {
    let id = this.#ids.get(term);
    if (id === undefined) {
      id = this.#terms.length;
      this.#ids.set(term, id);
      this.#terms.push(term);
      if (id >= this.#df.length) this.#grow();
    }
    return id;
  }

  /** The term of a number given by `termId`. */
  term(id: number): string | undefined {
    return this.#terms[id];
  }

  /** How many term numbers were given (all below this). */
  get idCount(): number {
    return this.#terms.length;
  }

  df(term: string): number {
    const id = this.#ids.get(term);
    return id === undefined ? 0 : (this.#df[id] ?? 0);
  }

  get docCount(): number {
    return this.#docCount;
  }

  get termCount(): number {
    return this.#termCount;
  }

  /** Smoothed inverse document frequency; a term never seen gets the highest value. */
  idf(term: string): number {
    return Math.log((this.#docCount + 1) / (this.df(term) + 0.5));
  }

  /** The same by term number. */
  idfOf(id: number): number {
    return Math.log((this.#docCount + 1) / ((this.#df[id] ?? 0) + 0.5));
  }

  #grow(): void {
    const df = new Int32Array(this.#df.length * 2);
    df.set(this.#df);
    this.#df = df;
  }
}

function distinct(terms: Iterable<string>): Iterable<string> {
  return terms instanceof Set ? terms : new Set(terms);
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
 * keywords for a reader. Ties keep the order of first occurrence. A stemmed term is shown as
 * the word it was first seen as (`TermCounts.forms`).
 */
export function extractKeywords(title: string, body: string, stats: TermStats, k = 10): string[] {
  return keywordsOf(countWords(words(title), words(body)), stats, k);
}

/** The same from a story's content-word counts (see `readStory`). */
export function keywordsOf(
  counts: TermCounts,
  stats: TermStats,
  k = 10,
  termIds?: readonly number[],
): string[] {
  // The k best by score, ties in order of first occurrence: a stable sort's first k, kept
  // as they come instead of sorting every term.
  const best: { term: string; score: number }[] = [];
  counts.terms.forEach((term, i) => {
    if (isDigits(term)) return;
    const tf = (counts.body[i] ?? 0) + TITLE_WEIGHT * (counts.title[i] ?? 0);
    const id = termIds?.[i];
    const idf = id === undefined ? stats.idf(term) : stats.idfOf(id);
    const score = (1 + Math.log(tf)) * idf;
    if (best.length === k && !(score > (best[k - 1]?.score ?? 0))) return;
    let at = best.length;
    while (at > 0 && (best[at - 1]?.score ?? 0) < score) at -= 1;
    best.splice(at, 0, { term: counts.forms?.[i] ?? term, score });
    if (best.length > k) best.pop();
  });
  return best.map((s) => s.term);
}

/** `/^\d+$/` (ASCII digits, at least one). */
function isDigits(term: string): boolean {
  for (let i = 0; i < term.length; i += 1) {
    const c = term.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return term.length > 0;
}
