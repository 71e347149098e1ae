import type { Postings, VectorSlab } from './related-store.ts';
import { NO_SLOT } from './related-store.ts';

export interface SparseVector {
  termIds: Int32Array;
  weights: Float32Array;
}

export interface ExpandedVector extends SparseVector {
  /** Length of the whole expanded vector, before it was cut and scaled. */
  norm: number;
}

export interface ScoredSlot {
  slot: number;
  score: number;
}

/** A story's own kept terms, heaviest first (views into the slab). */
export function rawVector(slab: VectorSlab, slot: number): SparseVector {
  const start = slot * slab.width;
  const end = start + (slab.lengths[slot] ?? 0);
  return { termIds: slab.termIds.subarray(start, end), weights: slab.weights.subarray(start, end) };
}

/**
 * The vector a story is indexed and searched under: its own terms plus `feedback` times the
 * mean of its nearest neighbours' terms (document expansion: members of one event share
 * neighbours, so their expanded vectors meet even where their own words differ), cut to the
 * `size` heaviest terms and scaled to unit length.
 */
export function expandedVector(
  slab: VectorSlab,
  slot: number,
  size: number,
  feedback: number,
): ExpandedVector {
  const sum = slab.termScratch(maxTermId(slab, slot) + 1);
  const touched: number[] = [];
  const add = (from: number, factor: number): void => {
    const start = from * slab.width;
    for (let i = start; i < start + (slab.lengths[from] ?? 0); i += 1) {
      const termId = slab.termIds[i] ?? 0;
      if (sum[termId] === 0) touched.push(termId);
      sum[termId] = (sum[termId] ?? 0) + factor * (slab.weights[i] ?? 0);
    }
  };
  add(slot, 1);
  const neighbours = neighboursOf(slab, slot);
  for (const n of neighbours) add(n, feedback / neighbours.length);
  const all = touched.map((termId) => ({ termId, weight: sum[termId] ?? 0 }));
  for (const termId of touched) sum[termId] = 0;
  const norm = Math.sqrt(all.reduce((acc, k) => acc + k.weight * k.weight, 0)) || 1;
  if (!Number.isFinite(size))
    return { termIds: new Int32Array(0), weights: new Float32Array(0), norm };
  const kept = all.sort((a, b) => b.weight - a.weight || a.termId - b.termId).slice(0, size);
  const keptNorm = Math.sqrt(kept.reduce((acc, k) => acc + k.weight * k.weight, 0)) || 1;
  return {
    termIds: Int32Array.from(kept, (k) => k.termId),
    weights: Float32Array.from(kept, (k) => k.weight / keptNorm),
    norm,
  };
}

function maxTermId(slab: VectorSlab, slot: number): number {
  let max = 0;
  for (const s of [slot, ...neighboursOf(slab, slot)]) {
    const start = s * slab.width;
    for (let i = start; i < start + (slab.lengths[s] ?? 0); i += 1)
      max = Math.max(max, slab.termIds[i] ?? 0);
  }
  return max;
}

export function neighboursOf(slab: VectorSlab, slot: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < slab.neighbourCount; i += 1) {
    const n = slab.neighbours[slot * slab.neighbourCount + i] ?? NO_SLOT;
    if (n !== NO_SLOT) out.push(n);
  }
  return out;
}

/**
 * Walks the postings of the `queryTerms` heaviest query terms and returns every story touched
 * (but `self`) with its accumulated score; `scores` is scratch space, left all zero.
 */
export function walkPostings(
  postings: Postings,
  scores: Float32Array,
  query: SparseVector,
  queryTerms: number,
  self: number,
): ScoredSlot[] {
  const touched: number[] = [];
  const n = Math.min(queryTerms, query.termIds.length);
  for (let i = 0; i < n; i += 1) {
    postings.accumulate(query.termIds[i] ?? 0, query.weights[i] ?? 0, scores, touched);
  }
  const out: ScoredSlot[] = [];
  for (const slot of touched) {
    if (slot !== self) out.push({ slot, score: scores[slot] ?? 0 });
    scores[slot] = 0;
  }
  return out;
}

/**
 * Cosine of the query with every story's expanded vector, from the postings of the stories'
 * own terms: a story's expanded dot product is its own plus `feedback` times the mean of its
 * neighbours'; dividing by its stored expanded length makes it a cosine. Stories that share no
 * query term score 0 and are left out.
 */
export function expandedScores(
  search: { slab: VectorSlab; postings: Postings; scores: Float32Array; feedback: number },
  query: SparseVector,
  limit: number,
  adjust: (slot: number, score: number) => number,
): ScoredSlot[] {
  const { slab, postings, scores, feedback } = search;
  const touched: number[] = [];
  for (let i = 0; i < query.termIds.length; i += 1) {
    postings.accumulate(query.termIds[i] ?? 0, query.weights[i] ?? 0, scores, touched);
  }
  const top = new TopSlots(limit);
  for (const slot of touched) {
    let spread = 0;
    let count = 0;
    for (let i = slot * slab.neighbourCount; i < (slot + 1) * slab.neighbourCount; i += 1) {
      const n = slab.neighbours[i] ?? NO_SLOT;
      if (n === NO_SLOT) continue;
      spread += scores[n] ?? 0;
      count += 1;
    }
    const dot = (scores[slot] ?? 0) + (count > 0 ? (feedback * spread) / count : 0);
    top.offer(slot, adjust(slot, dot / (slab.norms[slot] || 1)));
  }
  for (const slot of touched) scores[slot] = 0;
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

  offer(slot: number, score: number): void {
    if (this.#items.length >= this.#limit && score <= this.#floor) return;
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
  const top: ScoredSlot[] = [];
  for (const item of items) {
    const last = top[top.length - 1];
    if (top.length >= n && last && !before(item, last)) continue;
    let at = top.length;
    while (at > 0 && before(item, top[at - 1] ?? item)) at -= 1;
    top.splice(at, 0, item);
    if (top.length > n) top.pop();
  }
  return top;
}

function before(a: ScoredSlot, b: ScoredSlot): boolean {
  return a.score > b.score || (a.score === b.score && a.slot < b.slot);
}

/** Exact dot products of a story's own terms with the own terms of each of `slots`. */
export function rawDots(slab: VectorSlab, slot: number, slots: readonly number[]): ScoredSlot[] {
  const query = rawVector(slab, slot);
  let max = 0;
  for (const termId of query.termIds) max = Math.max(max, termId);
  const dense = slab.termScratch(max + 1);
  query.termIds.forEach((termId, i) => (dense[termId] = query.weights[i] ?? 0));
  const out = slots.map((other) => {
    let dot = 0;
    const start = other * slab.width;
    for (let i = start; i < start + (slab.lengths[other] ?? 0); i += 1) {
      const termId = slab.termIds[i] ?? 0;
      if (termId <= max) dot += (dense[termId] ?? 0) * (slab.weights[i] ?? 0);
    }
    return { slot: other, score: dot };
  });
  for (const termId of query.termIds) dense[termId] = 0;
  return out;
}

const DAY_MS = 86_400_000;

/** 1 when a date is missing; else decays with the days between the two stories. */
export function timeFactor(a: number, b: number, scaleDays: number, weight: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || scaleDays <= 0) return 1;
  const days = Math.abs(a - b) / DAY_MS;
  return 1 - weight + weight * Math.exp(-days / scaleDays);
}
