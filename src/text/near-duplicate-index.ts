import {
  FINGERPRINT_BYTES,
  SLOTS,
  bytesNearDuplicate,
  bytesResemblance,
  slotBytes,
} from './fingerprint.ts';

const BAND_ROWS = 4;
const BANDS = SLOTS / BAND_ROWS;
const BUCKET_BITS = 16;
const NONE = -1;

export interface NearDuplicate {
  id: string;
  resemblance: number;
}

/**
 * Finds the near-duplicates of a story among many without comparing it with each: MinHash
 * banding (16 bands of 4 slots; stories that agree on a whole band are candidates, then their
 * fingerprints are compared). A pair at text resemblance 0.7 shares a band with probability
 * 0.98, at 0.6 with 0.89. Buckets are chains in typed arrays, so 100,000 stories take about 10 MB.
 */
export class NearDuplicateIndex {
  readonly #heads = new Int32Array(BANDS << BUCKET_BITS).fill(NONE);
  #next = new Int32Array(0);
  #bytes = new Uint8Array(0);
  #ids: (string | undefined)[] = [];
  readonly #slotOf = new Map<string, number>();
  readonly #free: number[] = [];

  get size(): number {
    return this.#slotOf.size;
  }

  /** Makes room for `stories` fingerprints at once. */
  reserve(stories: number): void {
    if (stories * BANDS > this.#next.length) this.#grow(stories);
  }

  /** Adds (or replaces) a story's fingerprint. */
  add(id: string, fp: string): void {
    this.remove(id);
    const bytes = slotBytes(fp);
    const slot = this.#allocate();
    this.#ids[slot] = id;
    this.#slotOf.set(id, slot);
    this.#bytes.set(bytes, slot * FINGERPRINT_BYTES);
    for (let band = 0; band < BANDS; band += 1) {
      const head = bucket(bytes, band);
      this.#next[slot * BANDS + band] = this.#heads[head] ?? NONE;
      this.#heads[head] = slot;
    }
  }

  remove(id: string): boolean {
    const slot = this.#slotOf.get(id);
    if (slot === undefined) return false;
    const bytes = this.#bytes.subarray(slot * FINGERPRINT_BYTES, (slot + 1) * FINGERPRINT_BYTES);
    for (let band = 0; band < BANDS; band += 1) this.#unlink(slot, band, bucket(bytes, band));
    this.#slotOf.delete(id);
    this.#ids[slot] = undefined;
    this.#free.push(slot);
    return true;
  }

  /** The near-duplicates of a story (see `isNearDuplicate`), most similar first. */
  find(fp: string): NearDuplicate[] {
    const bytes = slotBytes(fp);
    const seen = new Set<number>();
    const found: NearDuplicate[] = [];
    for (let band = 0; band < BANDS; band += 1) {
      for (
        let s = this.#heads[bucket(bytes, band)] ?? NONE;
        s !== NONE;
        s = this.#nextOf(s, band)
      ) {
        if (seen.has(s)) continue;
        seen.add(s);
        const other = this.#bytes.subarray(s * FINGERPRINT_BYTES, (s + 1) * FINGERPRINT_BYTES);
        const id = this.#ids[s];
        if (id !== undefined && bytesNearDuplicate(bytes, other)) {
          found.push({ id, resemblance: bytesResemblance(bytes, other) });
        }
      }
    }
    return found.sort((a, b) => b.resemblance - a.resemblance);
  }

  #nextOf(slot: number, band: number): number {
    return this.#next[slot * BANDS + band] ?? NONE;
  }

  #unlink(slot: number, band: number, head: number): void {
    let previous = NONE;
    let s = this.#heads[head] ?? NONE;
    while (s !== NONE && s !== slot) {
      previous = s;
      s = this.#nextOf(s, band);
    }
    if (s === NONE) return;
    const after = this.#nextOf(slot, band);
    if (previous === NONE) this.#heads[head] = after;
    else this.#next[previous * BANDS + band] = after;
  }

  #allocate(): number {
    const reused = this.#free.pop();
    if (reused !== undefined) return reused;
    const slot = this.#ids.length;
    this.#ids.push(undefined);
    if (slot * BANDS >= this.#next.length) this.#grow(Math.max(1024, Math.ceil(slot * 1.25)));
    return slot;
  }

  #grow(capacity: number): void {
    const next = new Int32Array(capacity * BANDS).fill(NONE);
    next.set(this.#next);
    this.#next = next;
    const bytes = new Uint8Array(capacity * FINGERPRINT_BYTES);
    bytes.set(this.#bytes);
    this.#bytes = bytes;
  }
}

/** The chain a story's band falls in: its 4 slot bytes hashed into 16 bits, per band. */
function bucket(bytes: Uint8Array, band: number): number {
  let h = band + 1;
  for (let i = band * BAND_ROWS; i < (band + 1) * BAND_ROWS; i += 1) {
    h = Math.imul(h ^ (bytes[i] ?? 0), 0x01000193);
  }
  return (band << BUCKET_BITS) | ((h ^ (h >>> 16)) & ((1 << BUCKET_BITS) - 1));
}
