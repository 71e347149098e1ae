export const NO_SLOT = -1;

import { FINGERPRINT_BYTES } from './fingerprint.ts';

/**
 * The compact storage behind the related index: per story slot, its kept terms (term ids and
 * weights in two flat typed arrays, `width` entries per slot), its nearest neighbours, its date
 * and its fingerprint; per term, a postings list of (slot, weight) packed into one number. No
 * strings per story except its id.
 */
export class VectorSlab {
  readonly width: number;
  readonly neighbourCount: number;
  neighbours = new Int32Array(0);
  neighbourScores = new Float32Array(0);
  termIds = new Int32Array(0);
  weights = new Float32Array(0);
  lengths = new Uint8Array(0);
  dates = new Float64Array(0);
  /** Length of each story's expanded vector (see `expandedVector`). */
  norms = new Float32Array(0);
  fingerprints = new Uint8Array(0);
  hasFingerprint = new Uint8Array(0);

  constructor(width: number, neighbourCount: number) {
    this.width = width;
    this.neighbourCount = neighbourCount;
  }

  #termScratch = new Float64Array(1024);

  /** A scratch vector over term ids, all zero, at least `terms` long; callers leave it zero. */
  termScratch(terms: number): Float64Array {
    if (this.#termScratch.length < terms) {
      this.#termScratch = new Float64Array(Math.max(terms, this.#termScratch.length * 2));
    }
    return this.#termScratch;
  }

  get capacity(): number {
    return this.lengths.length;
  }

  /** Makes room for slot numbers below `capacity`, keeping what is stored. */
  ensure(capacity: number): void {
    if (capacity <= this.capacity) return;
    const size = Math.max(1024, capacity, Math.ceil(this.capacity * 1.25));
    this.termIds = grow(this.termIds, size * this.width, Int32Array);
    this.weights = grow(this.weights, size * this.width, Float32Array);
    this.lengths = grow(this.lengths, size, Uint8Array);
    this.dates = grow(this.dates, size, Float64Array);
    this.norms = grow(this.norms, size, Float32Array);
    this.fingerprints = grow(this.fingerprints, size * FINGERPRINT_BYTES, Uint8Array);
    this.hasFingerprint = grow(this.hasFingerprint, size, Uint8Array);
    const old = this.neighbours.length;
    this.neighbours = grow(this.neighbours, size * this.neighbourCount, Int32Array);
    this.neighbours.fill(NO_SLOT, old);
    this.neighbourScores = grow(this.neighbourScores, size * this.neighbourCount, Float32Array);
  }
}

type TypedArray = Int32Array | Float32Array | Uint8Array | Float64Array;

function grow<T extends TypedArray>(old: T, size: number, Kind: new (n: number) => T): T {
  const fresh = new Kind(size);
  fresh.set(old);
  return fresh;
}

const WEIGHT_SCALE = 0xffff;
const SLOT_FACTOR = 0x10000;

/** Postings of every term: (slot, weight in 16 bits) packed as slot * 65536 + weight. */
export class Postings {
  readonly #lists: number[][] = [];

  add(termId: number, slot: number, weight: number): void {
    // At least 1, so that a touched slot never scores exactly 0.
    const packed = slot * SLOT_FACTOR + Math.max(1, Math.round(Math.min(1, weight) * WEIGHT_SCALE));
    const list = this.#lists[termId];
    if (list) list.push(packed);
    else this.#lists[termId] = [packed];
  }

  remove(termId: number, slot: number): void {
    const list = this.#lists[termId];
    if (!list) return;
    const at = list.findIndex((p) => Math.floor(p / SLOT_FACTOR) === slot);
    if (at < 0) return;
    list[at] = list[list.length - 1] ?? 0;
    list.pop();
  }

  length(termId: number): number {
    return this.#lists[termId]?.length ?? 0;
  }

  /** Adds `queryWeight * weight` of every posting of the term to `scores[slot]`. */
  accumulate(termId: number, queryWeight: number, scores: Float32Array, touched: number[]): void {
    const list = this.#lists[termId];
    if (!list) return;
    const scale = queryWeight / WEIGHT_SCALE;
    for (const packed of list) {
      const slot = Math.floor(packed / SLOT_FACTOR);
      if (scores[slot] === 0) touched.push(slot);
      scores[slot] = (scores[slot] ?? 0) + (packed - slot * SLOT_FACTOR) * scale;
    }
  }
}
