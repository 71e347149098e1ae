import type { Postings, VectorSlab } from './related-store.ts';
import { NO_SLOT } from './related-store.ts';

export interface SparseVector {
  termIds: Int32Array;
  weights: Float32Array;
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
): SparseVector {
  const sum = new Map<number, number>();
  const add = (v: SparseVector, factor: number): void => {
    v.termIds.forEach((termId, i) => {
      sum.set(termId, (sum.get(termId) ?? 0) + factor * (v.weights[i] ?? 0));
    });
  };
  add(rawVector(slab, slot), 1);
  const neighbours = neighboursOf(slab, slot);
  for (const n of neighbours) add(rawVector(slab, n), feedback / neighbours.length);
  const kept = [...sum].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, size);
  const norm = Math.hypot(...kept.map(([, w]) => w)) || 1;
  return {
    termIds: Int32Array.from(kept, ([termId]) => termId),
    weights: Float32Array.from(kept, ([, w]) => w / norm),
  };
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

/** Exact dot product of a query (as a term id -> weight map) with a story's own terms. */
export function dotRaw(slab: VectorSlab, dense: ReadonlyMap<number, number>, slot: number): number {
  let dot = 0;
  const start = slot * slab.width;
  for (let i = start; i < start + (slab.lengths[slot] ?? 0); i += 1) {
    dot += (dense.get(slab.termIds[i] ?? NO_SLOT) ?? 0) * (slab.weights[i] ?? 0);
  }
  return dot;
}

export function denseOf(v: SparseVector): Map<number, number> {
  const dense = new Map<number, number>();
  v.termIds.forEach((termId, i) => dense.set(termId, v.weights[i] ?? 0));
  return dense;
}

const DAY_MS = 86_400_000;

/** 1 when a date is missing; else decays with the days between the two stories. */
export function timeFactor(a: number, b: number, scaleDays: number, weight: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || scaleDays <= 0) return 1;
  const days = Math.abs(a - b) / DAY_MS;
  return 1 - weight + weight * Math.exp(-days / scaleDays);
}
