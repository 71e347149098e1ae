import type { Postings } from './related-postings.ts';
import {
  type ScoredSlot,
  type WalkLimits,
  best,
  rawDots,
  rawVector,
  walkPostings,
} from './related-search.ts';
import { NO_SLOT, type Scratch, type VectorSlab } from './related-store.ts';

/**
 * The nearest-neighbour lists behind document expansion: each story keeps its few most similar
 * stories (cosine of their own terms). A new story gets its list from one search, and enters
 * the lists of the stories it beats a neighbour of; a removed story leaves every list.
 */
export interface NeighbourSearch {
  slab: VectorSlab;
  postings: Postings;
  scratch: Scratch;
  /** Query terms walked to find candidates, and postings walked at most. */
  limits: WalkLimits;
  /** Candidates scored exactly. */
  pool: number;
}

/** The stories most similar to `slot` by their own terms, best first. */
export function similarStories(search: NeighbourSearch, slot: number): ScoredSlot[] {
  const { slab, postings, scratch, limits, pool } = search;
  const query = rawVector(slab, slot);
  const candidates = walkPostings(postings, scratch, query, limits, slot, pool);
  const exact = rawDots(
    slab,
    scratch,
    slot,
    candidates.map((c) => c.slot),
  );
  return best(exact, pool);
}

/** Sets the list of `slot` to the best of `similar` (scores above zero only). */
export function setNeighbours(
  slab: VectorSlab,
  slot: number,
  similar: readonly ScoredSlot[],
): void {
  const m = slab.neighbourCount;
  const kept = similar.filter((s) => s.score > 0).slice(0, m);
  for (let i = 0; i < m; i += 1) {
    slab.neighbours[slot * m + i] = kept[i]?.slot ?? NO_SLOT;
    slab.neighbourScores[slot * m + i] = kept[i]?.score ?? 0;
  }
}

/** Whether `candidate` at `score` would enter the list of `slot`. */
export function wouldEnter(slab: VectorSlab, slot: number, score: number): boolean {
  if (score <= 0) return false;
  const last = (slot + 1) * slab.neighbourCount - 1;
  return slab.neighbours[last] === NO_SLOT || score > (slab.neighbourScores[last] ?? 0);
}

/** Puts `candidate` into the list of `slot` at its rank, dropping the weakest. */
export function enterNeighbour(
  slab: VectorSlab,
  slot: number,
  candidate: number,
  score: number,
): void {
  const list = listOf(slab, slot);
  list.push({ slot: candidate, score });
  setNeighbours(slab, slot, best(list, slab.neighbourCount));
}

/** Every story whose list holds `gone` (a scan of all lists: removal is rare). */
export function listing(slab: VectorSlab, gone: number, slots: number): number[] {
  const m = slab.neighbourCount;
  const found: number[] = [];
  for (let i = 0; i < slots * m; i += 1) {
    if (slab.neighbours[i] === gone) found.push(Math.floor(i / m));
  }
  return found;
}

function listOf(slab: VectorSlab, slot: number): ScoredSlot[] {
  const m = slab.neighbourCount;
  const out: ScoredSlot[] = [];
  for (let i = slot * m; i < (slot + 1) * m; i += 1) {
    const n = slab.neighbours[i] ?? NO_SLOT;
    if (n !== NO_SLOT) out.push({ slot: n, score: slab.neighbourScores[i] ?? 0 });
  }
  return out;
}
