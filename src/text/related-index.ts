import { FINGERPRINT_BYTES, bytesNearDuplicate, slotBytes } from './fingerprint.ts';
import type { TermStats } from './keywords.ts';
import {
  type NeighbourSearch,
  enterNeighbour,
  listing,
  setNeighbours,
  similarStories,
  wouldEnter,
} from './related-neighbours.ts';
import { MAX_SLOTS, Postings, encodeWeight } from './related-postings.ts';
import { expandedNorm, expandedScores, expandedVector, timeFactor } from './related-search.ts';
import { Scratch, VectorSlab } from './related-store.ts';
import {
  DEFAULT_VECTOR_OPTIONS,
  type RelatedText,
  type VectorOptions,
  weightedTerms,
} from './related-vector.ts';

/** A story as the related index takes it. */
export interface RelatedDoc extends RelatedText {
  id: string;
  publishedAt?: Date;
  /** Its near-duplicate fingerprint (see fingerprint.ts); near-duplicates are not "related". */
  fingerprint?: string;
}

export interface RelatedHit {
  id: string;
  score: number;
}

/** How the index is built (fixed for its lifetime). */
export interface IndexOptions extends VectorOptions {
  /** Nearest neighbours each story is expanded with. */
  neighbours: number;
  /** Weight of the neighbours' mean against the story's own terms. */
  feedback: number;
  /** Candidates scored exactly when looking for a story's neighbours. */
  neighbourPool: number;
  /** Own terms of a new story whose postings are walked to find its neighbours. */
  searchTerms: number;
  /** Postings walked at most to find a story's neighbours (see `WalkLimits`). */
  searchBudget: number;
}

/** How one query is run. */
export interface QueryOptions {
  /** Terms of the story's expanded vector that are searched (the heaviest). */
  queryTerms: number;
  /** Postings walked at most (see `WalkLimits`): bounds the time of a query. */
  budget: number;
  /** Leave out stories whose fingerprints say they are the same story. */
  excludeNearDuplicates: boolean;
  /** Stories this many days apart keep 1/e of the date-dependent part of their score. */
  timeScaleDays: number;
  /** The share of the score that depends on the dates, when both stories have one (0..1). */
  timeWeight: number;
}

export const DEFAULT_INDEX_OPTIONS = {
  ...DEFAULT_VECTOR_OPTIONS,
  neighbours: 5,
  feedback: 2,
  searchTerms: 48,
  searchBudget: 20_000,
  neighbourPool: 50,
} as const satisfies Required<IndexOptions>;

export const DEFAULT_QUERY_OPTIONS = {
  queryTerms: 32,
  budget: 50_000,
  excludeNearDuplicates: true,
  timeScaleDays: 14,
  timeWeight: 0.3,
} as const satisfies Required<QueryOptions>;

/**
 * Related stories, in memory, updated one story at a time. Each story keeps its heaviest
 * TF-IDF terms (idf from the shared `TermStats` as it is when the story is added: count a
 * story in the stats before adding it) and its nearest neighbours; it is indexed under its
 * terms expanded with its neighbours' (see `expandedVector`). A query walks the postings of
 * its own expanded terms only. See ADR 0005.
 */
export class RelatedIndex {
  readonly #stats: TermStats;
  readonly #options: IndexOptions;
  readonly #slab: VectorSlab;
  readonly #postings = new Postings();
  readonly #slotOf = new Map<string, number>();
  readonly #ids: (string | undefined)[] = [];
  readonly #free: number[] = [];
  readonly #scratch = new Scratch();

  constructor(stats: TermStats, options: Partial<IndexOptions> = {}) {
    this.#stats = stats;
    this.#options = { ...DEFAULT_INDEX_OPTIONS, ...options };
    this.#slab = new VectorSlab(this.#options.maxTerms, this.#options.neighbours);
  }

  get size(): number {
    return this.#slotOf.size;
  }

  /** Makes room for `stories` stories at once (one allocation instead of many growths). */
  reserve(stories: number): void {
    this.#slab.ensure(Math.min(MAX_SLOTS, stories));
  }

  has(id: string): boolean {
    return this.#slotOf.has(id);
  }

  /** Adds a story, or replaces the one with the same id. */
  add(doc: RelatedDoc): void {
    this.remove(doc.id);
    const slot = this.#allocate(doc.id);
    this.#storeText(slot, doc);
    const similar = similarStories(this.#search(), slot);
    setNeighbours(this.#slab, slot, similar);
    this.#post(slot, 1);
    this.#updateNorm(slot);
    for (const other of similar) {
      if (!wouldEnter(this.#slab, other.slot, other.score)) continue;
      enterNeighbour(this.#slab, other.slot, slot, other.score);
      this.#updateNorm(other.slot);
    }
  }

  /** The kept terms of a story (its heaviest), or undefined for an unknown id. */
  keptTerms(id: string): string[] | undefined {
    const slot = this.#slotOf.get(id);
    if (slot === undefined) return undefined;
    const { width, termIds, lengths } = this.#slab;
    const out: string[] = [];
    for (let i = slot * width; i < slot * width + (lengths[slot] ?? 0); i += 1) {
      out.push(this.#stats.term(termIds[i] ?? 0) ?? '');
    }
    return out;
  }

  remove(id: string): boolean {
    const slot = this.#slotOf.get(id);
    if (slot === undefined) return false;
    // Its postings go first, so that the stories that listed it find new neighbours without it.
    this.#post(slot, -1);
    for (const other of listing(this.#slab, slot, this.#ids.length)) {
      setNeighbours(this.#slab, other, similarStories(this.#search(), other));
      this.#updateNorm(other);
    }
    this.#release(slot, id);
    return true;
  }

  /**
   * The `k` stories most related to the story `id`, best first, without itself and without
   * its near-duplicates. Empty for an unknown id.
   */
  related(id: string, k: number, options: Partial<QueryOptions> = {}): RelatedHit[] {
    const slot = this.#slotOf.get(id);
    if (slot === undefined) return [];
    const opts = { ...DEFAULT_QUERY_OPTIONS, ...options };
    const search = { ...this.#search(), feedback: this.#options.feedback };
    const adjust = (other: number, score: number): number =>
      other === slot ? Number.NEGATIVE_INFINITY : score * this.#timeFactor(slot, other, opts);
    const query = expandedVector(
      this.#slab,
      this.#scratched(),
      [{ slot, weight: 1 }],
      opts.queryTerms,
      search.feedback,
    );
    // Near-duplicates are dropped after ranking: ask for a few more, and more again if needed.
    for (let want = k + 10; ; want *= 4) {
      const limits = { limit: want, budget: opts.budget };
      const top = expandedScores(search, query, limits, adjust).filter((h) => h.slot !== slot);
      const kept = top.filter(
        (hit) => !(opts.excludeNearDuplicates && this.#nearDuplicates(slot, hit.slot)),
      );
      if (kept.length >= k || top.length < want - 1) {
        return kept.slice(0, k).map((hit) => ({ id: this.#ids[hit.slot] ?? '', score: hit.score }));
      }
    }
  }

  #timeFactor(a: number, b: number, opts: QueryOptions): number {
    const { dates } = this.#slab;
    return timeFactor(dates[a] ?? NaN, dates[b] ?? NaN, opts.timeScaleDays, opts.timeWeight);
  }

  /** Adds (`sign` 1) or removes (-1) the postings of a story's own terms. */
  #post(slot: number, sign: 1 | -1): void {
    const { width, termIds, codes, lengths } = this.#slab;
    for (let i = slot * width; i < slot * width + (lengths[slot] ?? 0); i += 1) {
      if (sign > 0) this.#postings.add(termIds[i] ?? 0, slot, codes[i] ?? 0);
      else this.#postings.remove(termIds[i] ?? 0, slot);
    }
  }

  #updateNorm(slot: number): void {
    const feedback = this.#options.feedback;
    this.#slab.norms[slot] = expandedNorm(this.#slab, this.#scratched(), slot, feedback);
  }

  #storeText(slot: number, doc: RelatedDoc): void {
    const vector = weightedTerms(doc, this.#stats, this.#options);
    const { width, termIds, codes } = this.#slab;
    vector.ids.forEach((id, i) => {
      termIds[slot * width + i] = id;
      codes[slot * width + i] = encodeWeight(vector.weights[i] ?? 0);
    });
    this.#slab.lengths[slot] = vector.ids.length;
    this.#slab.dates[slot] = doc.publishedAt?.getTime() ?? Number.NaN;
    this.#slab.hasFingerprint[slot] = doc.fingerprint === undefined ? 0 : 1;
    if (doc.fingerprint !== undefined) {
      this.#slab.fingerprints.set(slotBytes(doc.fingerprint), slot * FINGERPRINT_BYTES);
    }
  }

  #nearDuplicates(a: number, b: number): boolean {
    const { hasFingerprint, fingerprints } = this.#slab;
    if (!hasFingerprint[a] || !hasFingerprint[b]) return false;
    const bytesOf = (slot: number): Uint8Array =>
      fingerprints.subarray(slot * FINGERPRINT_BYTES, (slot + 1) * FINGERPRINT_BYTES);
    return bytesNearDuplicate(bytesOf(a), bytesOf(b));
  }

  #search(): NeighbourSearch {
    const { searchTerms, searchBudget, neighbourPool } = this.#options;
    return {
      slab: this.#slab,
      postings: this.#postings,
      scratch: this.#scratched(),
      limits: { terms: searchTerms, budget: searchBudget },
      pool: neighbourPool,
    };
  }

  #allocate(id: string): number {
    const slot = this.#free.pop() ?? this.#ids.length;
    if (slot >= MAX_SLOTS) throw new RangeError('the related index is full');
    if (slot === this.#ids.length) this.#ids.push(undefined);
    this.#slab.ensure(slot + 1);
    this.#ids[slot] = id;
    this.#slotOf.set(id, slot);
    return slot;
  }

  #release(slot: number, id: string): void {
    this.#slab.lengths[slot] = 0;
    setNeighbours(this.#slab, slot, []);
    this.#slotOf.delete(id);
    this.#ids[slot] = undefined;
    this.#free.push(slot);
  }

  /** The scratch space, big enough for every slot and term id. */
  #scratched(): Scratch {
    this.#scratch.ensure(this.#slab.capacity, this.#stats.idCount);
    return this.#scratch;
  }
}
