import type { Postings } from './related-postings.ts';
import { WEIGHT_OF_CODE } from './related-postings.ts';
import { NO_SLOT, type Scratch, type VectorSlab } from './related-store.ts';

export interface SparseVector {
  termIds: Int32Array;
  weights: Float32Array;
}

export interface ScoredSlot {
  slot: number;
  score: number;
}

/** A story and how much its expanded vector counts in a sum. */
export interface Centre {
  slot: number;
  weight: number;
}

/**
 * Sums, into `scratch.terms`, the expanded vectors of `centres`: each story's own terms plus
 * `feedback` times the mean of its nearest neighbours' terms (document expansion: members of
 * one event share neighbours, so their expanded vectors meet even where their own words
 * differ), times its weight. Returns how many distinct terms it touched (listed in
 * `scratch.termList`) and the squared length of the sum.
 */
export function sumExpanded(
  slab: VectorSlab,
  scratch: Scratch,
  centres: readonly Centre[],
  feedback: number,
): { count: number; squared: number } {
  const m = slab.neighbourCount;
  const list = scratch.termListOf(slab.width * (m + 1) * centres.length);
  let count = 0;
  for (const { slot, weight } of centres) {
    let neighbours = 0;
    for (let i = slot * m; i < (slot + 1) * m; i += 1)
      if (slab.neighbours[i] !== NO_SLOT) neighbours++;
    count = addTerms(slab, scratch.terms, list, count, slot, weight);
    for (let k = 0; k < m; k += 1) {
      const from = slab.neighbours[slot * m + k] as number;
      if (from === NO_SLOT) continue;
      count = addTerms(slab, scratch.terms, list, count, from, (weight * feedback) / neighbours);
    }
  }
  let squared = 0;
  for (let i = 0; i < count; i += 1) squared += (scratch.terms[list[i] as number] as number) ** 2;
  return { count, squared };
}

/** Adds `factor` times the own terms of `from` to `sum`, listing new terms in `list`. */
function addTerms(
  slab: VectorSlab,
  sum: Float64Array,
  list: Int32Array,
  count: number,
  from: number,
  factor: number,
): number {
  const start = from * slab.width;
  const end = start + (slab.lengths[from] as number);
  for (let i = start; i < end; i += 1) {
    const termId = slab.termIds[i] as number;
    const before = sum[termId] as number;
    if (before === 0) list[count++] = termId;
    sum[termId] = before + factor * (WEIGHT_OF_CODE[slab.codes[i] as number] as number);
  }
  return count;
}

/** Length of a story's whole expanded vector (see `sumExpanded`). */
export function expandedNorm(
  slab: VectorSlab,
  scratch: Scratch,
  slot: number,
  feedback: number,
): number {
  const { count, squared } = sumExpanded(slab, scratch, [{ slot, weight: 1 }], feedback);
  clearTerms(scratch, count);
  return Math.sqrt(squared) || 1;
}

/** The sum of expanded vectors cut to its `size` heaviest terms, scaled to unit length. */
export function expandedVector(
  slab: VectorSlab,
  scratch: Scratch,
  centres: readonly Centre[],
  size: number,
  feedback: number,
): SparseVector {
  const { count } = sumExpanded(slab, scratch, centres, feedback);
  const sum = scratch.terms;
  const order = scratch.termList.slice(0, count);
  order.sort((a, b) => (sum[b] as number) - (sum[a] as number) || a - b);
  const n = Math.min(size, count);
  const termIds = order.subarray(0, n);
  const weights = Float32Array.from(termIds, (t) => sum[t] as number);
  let squared = 0;
  for (const w of weights) squared += w * w;
  const norm = Math.sqrt(squared) || 1;
  for (let i = 0; i < n; i += 1) weights[i] = (weights[i] as number) / norm;
  clearTerms(scratch, count);
  return { termIds, weights };
}

function clearTerms(scratch: Scratch, count: number): void {
  for (let i = 0; i < count; i += 1) scratch.terms[scratch.termList[i] as number] = 0;
}

/** Walks the postings of `terms` query terms; returns how many slots it touched. */
/** How much of the postings a search walks. */
export interface WalkLimits {
  /** The heaviest query terms walked. */
  terms: number;
  /**
   * Postings walked at most: a term whose list would pass it is skipped (the heaviest terms
   * come first, and long lists belong to common, light terms), unless nothing was walked yet.
   */
  budget: number;
}

/** Walks the postings of the query terms; returns how many slots it touched. */
function walk(
  postings: Postings,
  scratch: Scratch,
  query: SparseVector,
  limits: WalkLimits,
): number {
  let n = 0;
  let walked = 0;
  const count = Math.min(limits.terms, query.termIds.length);
  for (let i = 0; i < count; i += 1) {
    const termId = query.termIds[i] as number;
    const length = postings.length(termId);
    if (walked > 0 && walked + length > limits.budget) continue;
    walked += length;
    n = postings.accumulate(termId, query.weights[i] as number, scratch.scores, scratch.touched, n);
  }
  return n;
}

/**
 * The `pool` stories (but `self`) with the highest dot products over the postings walked
 * within `limits`, best first.
 */
export function walkPostings(
  postings: Postings,
  scratch: Scratch,
  query: SparseVector,
  limits: WalkLimits,
  self: number,
  pool: number,
): ScoredSlot[] {
  const n = walk(postings, scratch, query, limits);
  const { scores, touched } = scratch;
  const top = new TopSlots(pool);
  for (let i = 0; i < n; i += 1) {
    const slot = touched[i] as number;
    if (slot !== self) top.offer(slot, scores[slot] as number);
    scores[slot] = 0;
  }
  return top.sorted();
}

/**
 * Cosine of the query with every story's expanded vector, from the postings of the stories'
 * own terms: a story's expanded dot product is its own plus `feedback` times the mean of its
 * neighbours'; dividing by its stored expanded length makes it a cosine. `adjust` may only
 * lower a score (a factor in 0..1). Stories that share no query term are left out.
 */
export function expandedScores(
  search: { slab: VectorSlab; postings: Postings; scratch: Scratch; feedback: number },
  query: SparseVector,
  limits: { limit: number; budget: number },
  adjust: (slot: number, score: number) => number,
): ScoredSlot[] {
  const { slab, postings, scratch, feedback } = search;
  const n = walk(postings, scratch, query, { terms: query.termIds.length, budget: limits.budget });
  const limit = limits.limit;
  const { scores, touched } = scratch;
  const { neighbours, norms } = slab;
  const m = slab.neighbourCount;
  const top = new TopSlots(limit);
  for (let i = 0; i < n; i += 1) {
    const slot = touched[i] as number;
    let spread = 0;
    let count = 0;
    for (let j = slot * m; j < (slot + 1) * m; j += 1) {
      const other = neighbours[j] as number;
      if (other === NO_SLOT) continue;
      spread += scores[other] as number;
      count += 1;
    }
    const dot = (scores[slot] as number) + (count > 0 ? (feedback * spread) / count : 0);
    const score = dot / ((norms[slot] as number) || 1);
    if (top.admits(score)) top.offer(slot, adjust(slot, score));
  }
  for (let i = 0; i < n; i += 1) scores[touched[i] as number] = 0;
  return top.sorted();
}

/** Keeps the `limit` best slots offered, allocating only for those that get in. */
class TopSlots {
  readonly #limit: number;
  readonly #items: ScoredSlot[] = [];
  #floor = Number.NEGATIVE_INFINITY;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Whether a slot at `score` (or less) could get in. */
  admits(score: number): boolean {
    return this.#items.length < this.#limit || score > this.#floor;
  }

  offer(slot: number, score: number): void {
    if (!this.admits(score)) return;
    this.#items.push({ slot, score });
    if (this.#items.length >= 2 * this.#limit) this.#prune();
  }

  sorted(): ScoredSlot[] {
    this.#prune();
    return this.#items;
  }

  #prune(): void {
    this.#items.sort((a, b) => b.score - a.score || a.slot - b.slot);
    this.#items.length = Math.min(this.#items.length, this.#limit);
    if (this.#items.length >= this.#limit) this.#floor = this.#items.at(-1)?.score ?? this.#floor;
  }
}

/** The `n` best of `items` by score (ties: lower slot first), best first. */
export function best(items: readonly ScoredSlot[], n: number): ScoredSlot[] {
  return [...items].sort((a, b) => b.score - a.score || a.slot - b.slot).slice(0, n);
}

/** A story's own kept terms, heaviest first, with their weights. */
export function rawVector(slab: VectorSlab, slot: number): SparseVector {
  const start = slot * slab.width;
  const length = slab.lengths[slot] as number;
  const termIds = new Int32Array(length);
  const weights = new Float32Array(length);
  for (let i = 0; i < length; i += 1) {
    termIds[i] = slab.termIds[start + i] as number;
    weights[i] = WEIGHT_OF_CODE[slab.codes[start + i] as number] as number;
  }
  return { termIds, weights };
}

/** Exact dot products of a story's own terms with the own terms of each of `slots`. */
export function rawDots(
  slab: VectorSlab,
  scratch: Scratch,
  slot: number,
  slots: readonly number[],
): ScoredSlot[] {
  const dense = scratch.terms;
  const { termIds, codes, lengths, width } = slab;
  const own = slot * width;
  const ownEnd = own + (lengths[slot] as number);
  for (let i = own; i < ownEnd; i += 1) {
    dense[termIds[i] as number] = WEIGHT_OF_CODE[codes[i] as number] as number;
  }
  const out: ScoredSlot[] = new Array<ScoredSlot>(slots.length);
  for (let k = 0; k < slots.length; k += 1) {
    const other = slots[k] as number;
    let dot = 0;
    const start = other * width;
    const end = start + (lengths[other] as number);
    for (let i = start; i < end; i += 1) {
      const w = dense[termIds[i] as number] as number;
      if (w !== 0) dot += w * (WEIGHT_OF_CODE[codes[i] as number] as number);
    }
    out[k] = { slot: other, score: dot };
  }
  for (let i = own; i < ownEnd; i += 1) dense[termIds[i] as number] = 0;
  return out;
}

const DAY_MS = 86_400_000;

/** 1 when a date is missing; else decays with the days between the two stories. */
export function timeFactor(a: number, b: number, scaleDays: number, weight: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || scaleDays <= 0) return 1;
  const days = Math.abs(a - b) / DAY_MS;
  return 1 - weight + weight * Math.exp(-days / scaleDays);
}
