export const NO_SLOT = -1;

import { FINGERPRINT_BYTES } from './fingerprint.ts';

/**
 * The compact storage behind the related index: per story slot, its kept terms (term ids and
 * 8-bit weight codes in two flat typed arrays, `width` entries per slot, heaviest first), its
 * nearest neighbours, its date and its fingerprint. No strings per story except its id.
 */
export class VectorSlab {
  readonly width: number;
  readonly neighbourCount: number;
  neighbours = new Int32Array(0);
  neighbourScores = new Float32Array(0);
  termIds = new Uint32Array(0);
  /** Weight codes (see `encodeWeight`). */
  codes = new Uint8Array(0);
  lengths = new Uint8Array(0);
  dates = new Float64Array(0);
  /** Length of each story's expanded vector (see `expandedVector`). */
  norms = new Float32Array(0);
  fingerprints = new Uint8Array(0);
  hasFingerprint = new Uint8Array(0);

  constructor(width: number, neighbourCount: number) {
    this.width = Math.min(255, width);
    this.neighbourCount = neighbourCount;
  }

  get capacity(): number {
    return this.lengths.length;
  }

  /** Makes room for slot numbers below `capacity`, keeping what is stored. */
  ensure(capacity: number): void {
    if (capacity <= this.capacity) return;
    const size = Math.max(1024, capacity, Math.ceil(this.capacity * 1.125));
    this.termIds = grow(this.termIds, size * this.width, Uint32Array);
    this.codes = grow(this.codes, size * this.width, Uint8Array);
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

type TypedArray = Int32Array | Uint32Array | Float32Array | Uint8Array | Float64Array;

function grow<T extends TypedArray>(old: T, size: number, Kind: new (n: number) => T): T {
  const fresh = new Kind(size);
  fresh.set(old);
  return fresh;
}

/** Scratch space reused by every search of one index (nothing allocated per query). */
export class Scratch {
  /** Per slot: accumulated scores, left all zero between uses. */
  scores = new Float32Array(0);
  /** Slots touched by a walk. */
  touched = new Int32Array(0);
  /** Per term id: accumulated weights, left all zero between uses. */
  terms = new Float64Array(1024);
  /** Term ids touched while summing vectors. */
  termList = new Int32Array(1024);

  /** Makes room for `slots` story slots and term ids below `terms`. */
  ensure(slots: number, terms: number): void {
    if (this.scores.length < slots) {
      this.scores = new Float32Array(slots);
      this.touched = new Int32Array(slots);
    }
    if (this.terms.length < terms) {
      this.terms = new Float64Array(Math.max(terms, this.terms.length * 2));
    }
  }

  /** Room for `n` entries in `termList`. */
  termListOf(n: number): Int32Array {
    if (this.termList.length < n)
      this.termList = new Int32Array(Math.max(n, 2 * this.termList.length));
    return this.termList;
  }
}
