/**
 * What a process keeps of the store's assignment state between stories (ADR 0024): the
 * document frequencies and event profiles it last read or wrote (AssignmentCache), and, on
 * SQLite inside a batch, the document-frequency increments not yet written (PendingCounts).
 */
import type { EventProfile } from '../text/events/profile.ts';
import type { Idf } from '../text/events/similarity.ts';

/**
 * Documents the idf counts beyond the store's, holding none of the terms: in a young store
 * (a few stories) the plain idf treats every word the reports of one event share as a stop
 * word, and they then never match; with this prior a young store weighs words nearly alike,
 * and from some thousands of stories on the store's own counts decide.
 */
export const IDF_PRIOR_DOCUMENTS = 1000;

/** Cached terms and profiles beyond which the cache starts again (memory stays bounded). */
const CACHE_TERMS = 300_000;
/**
 * A profile holds up to 200 terms with their names and numbers (some 20 KB in maps): 20,000
 * cached took about 400 MB at 100,000 stories. The candidates are mostly recent events, so a
 * few thousand serve nearly every story; the others are read again from the store.
 */
const CACHE_PROFILES = 2_000;

/**
 * What this process last read or wrote of the store's assignment state: the document
 * frequencies (an Idf over them, the same formula as TermStats: `ln((N + 1) / (df + 0.5))`)
 * (with `IDF_PRIOR_DOCUMENTS`) and the profiles of events. Valid while the store's document count is the one it last saw
 * or wrote: any other writer's assignment moves the count, and the cache starts again, so the
 * numbers and profiles used are always the store's.
 */
export class AssignmentCache implements Idf {
  /** Each term's document frequency and `ln(df + 0.5)`, so an idf is one look-up. */
  #df = new Map<string, { df: number; ln: number }>();
  #profiles = new Map<string, EventProfile>();
  #documents = -1;
  /** `ln(N + 1)` at the current document count (with the prior). */
  #lnDocuments = 0;

  /**
   * Takes the store's document count; forgets everything when it is not the one expected.
   * True when it forgot (another writer, or a rolled-back transaction, moved the count).
   */
  sync(documents: number): boolean {
    const stale = documents !== this.#documents;
    if (stale || this.#df.size > CACHE_TERMS) {
      this.#df.clear();
      this.#profiles.clear();
    }
    // Profiles alone may go: the words of those read again are looked up again (not the other
    // way round: a cached profile's words must stay cached).
    if (this.#profiles.size > CACHE_PROFILES) this.#profiles.clear();
    this.#setDocuments(documents);
    return stale;
  }

  #setDocuments(documents: number): void {
    this.#documents = documents;
    this.#lnDocuments = Math.log(documents + IDF_PRIOR_DOCUMENTS + 1);
  }

  /** Forgets everything (after a failed transaction). */
  reset(): void {
    this.sync(-1);
  }

  /** A cached profile (never changed in place: the planner returns new ones). */
  profile(id: string): EventProfile | undefined {
    return this.#profiles.get(id);
  }

  /** Of these event ids, those whose profile is not cached. */
  missingProfiles(ids: readonly string[]): string[] {
    return ids.filter((id) => !this.#profiles.has(id));
  }

  /**
   * Profiles as the store now holds them (read, or just written). Their words must be in the
   * document frequencies already: `sync` forgets both together, so a cached profile's words
   * never need looking up again.
   */
  keepProfiles(profiles: readonly EventProfile[]): void {
    for (const p of profiles) this.#profiles.set(p.id, p);
  }

  /** An event merged into another: its profile is no longer a candidate's. */
  dropProfile(id: string): void {
    this.#profiles.delete(id);
  }

  /** Of these terms, those not cached (distinct). */
  missing(terms: Iterable<string>): string[] {
    const out = new Set<string>();
    for (const term of terms) if (!this.#df.has(term)) out.add(term);
    return [...out];
  }

  /** The store's answer for `asked`: a term it did not name has no documents yet. */
  fill(asked: readonly string[], found: ReadonlyMap<string, number>): void {
    for (const term of asked) this.#set(term, found.get(term) ?? 0);
  }

  #set(term: string, df: number): void {
    this.#df.set(term, { df, ln: Math.log(df + 0.5) });
  }

  /** One more document holding these terms (all cached), as the store is told too. */
  count(terms: Iterable<string>): void {
    for (const term of terms) this.#set(term, this.documentsHolding(term) + 1);
    this.#setDocuments(this.#documents + 1);
  }

  /** How many stories hold the term (as cached: call after `fill` for it). */
  documentsHolding(term: string): number {
    return this.#df.get(term)?.df ?? 0;
  }

  /** `ln((N + 1) / (df + 0.5))`, N with the prior (the same formula as TermStats). */
  idf(term: string): number {
    return this.#lnDocuments - (this.#df.get(term)?.ln ?? LN_HALF);
  }
}

const LN_HALF = Math.log(0.5);

/**
 * Document-frequency increments not yet written (SQLite, inside a batch): written in one
 * statement before the batch commits instead of one per story (the per-story upsert of a
 * story's ~150 terms was the largest single cost of the assignment in the store). Reads of
 * the store's counts add them (`withPending`), so a read in the batch sees them.
 */
export class PendingCounts {
  #counts = new Map<string, number>();

  add(terms: Iterable<string>): void {
    for (const term of terms) this.#counts.set(term, (this.#counts.get(term) ?? 0) + 1);
  }

  /** The store's counts for `asked` with the increments not yet written. */
  withPending(asked: readonly string[], found: ReadonlyMap<string, number>): Map<string, number> {
    const out = new Map(found);
    for (const term of asked) {
      const more = this.#counts.get(term);
      if (more !== undefined) out.set(term, (out.get(term) ?? 0) + more);
    }
    return out;
  }

  /** The increments as a JSON object (for `json_each`), then forgotten; undefined if none. */
  take(): string | undefined {
    if (this.#counts.size === 0) return undefined;
    // Written out by hand: `JSON.stringify(Object.fromEntries(...))` of a batch's ~10,000
    // terms took three times as long (the object goes to dictionary mode on the way).
    const parts: string[] = [];
    for (const [term, n] of this.#counts) parts.push(`${JSON.stringify(term)}:${n}`);
    this.#counts.clear();
    return `{${parts.join(',')}}`;
  }

  /** Forgets them (the transaction that counted them was rolled back). */
  clear(): void {
    this.#counts.clear();
  }
}
