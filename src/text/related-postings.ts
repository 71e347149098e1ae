/**
 * Postings of every term of the related index, in typed-array pages: one 32-bit word per
 * posting, the story slot in the high 24 bits and its weight code (see `encodeWeight`) in the
 * low 8. A term's list is a chain of blocks of growing size (8, 16, ... 256 words, the first
 * word of each block links to the next), so a list costs about its length in words and no
 * JavaScript object per term or per posting.
 */
const PAGE_BITS = 16;
const PAGE = 1 << PAGE_BITS;
const MAX_LEVEL = 5;
const NONE = -1;

/** 8-bit weight codes: code c (1..255) stands for 2^((c - 255) / 24); 0 for 0. */
export const WEIGHT_OF_CODE = Float32Array.from({ length: 256 }, (_, c) =>
  c === 0 ? 0 : 2 ** ((c - 255) / 24),
);

/** The code of a weight in 0..1 (relative error under 1.5%); at least 1 for any weight > 0. */
export function encodeWeight(weight: number): number {
  if (!(weight > 0)) return 0;
  return Math.max(1, Math.min(255, Math.round(255 + 24 * Math.log2(weight))));
}

/** Slots fit in 24 bits. */
export const MAX_SLOTS = 1 << 24;

const blockWords = (level: number): number => 8 << level;

export class Postings {
  readonly #pages: Uint32Array[] = [];
  #used = PAGE;
  #head = new Int32Array(0);
  #tail = new Int32Array(0);
  #count = new Int32Array(0);
  /** Postings in the tail block, and the tail block's level. */
  #tailUsed = new Int32Array(0);
  #tailLevel = new Uint8Array(0);

  /** Appends a posting of `slot` with weight code `code` to the list of `termId`. */
  add(termId: number, slot: number, code: number): void {
    this.#ensureTerm(termId);
    let tail = this.#tail[termId] ?? NONE;
    if (tail === NONE) {
      tail = this.#allocate(0);
      this.#head[termId] = tail;
      this.#tail[termId] = tail;
    } else if ((this.#tailUsed[termId] ?? 0) === blockWords(this.#tailLevel[termId] ?? 0) - 1) {
      tail = this.#nextBlock(termId, tail);
    }
    const used = this.#tailUsed[termId] ?? 0;
    this.#write(tail + 1 + used, ((slot << 8) | code) >>> 0);
    this.#tailUsed[termId] = used + 1;
    this.#count[termId] = (this.#count[termId] ?? 0) + 1;
  }

  /** Removes the posting of `slot` from the list of `termId` (the last posting takes its place). */
  remove(termId: number, slot: number): void {
    const at = this.#find(termId, slot);
    if (at === NONE) return;
    const tail = this.#tail[termId] ?? NONE;
    const used = (this.#tailUsed[termId] ?? 0) - 1;
    this.#write(at, this.#read(tail + 1 + used));
    this.#tailUsed[termId] = used;
    const count = (this.#count[termId] ?? 0) - 1;
    this.#count[termId] = count;
    if (used === 0 && count > 0) this.#stepBack(termId);
  }

  /** Words of typed-array memory held (for measurements). */
  get allocatedWords(): number {
    return this.#pages.length * PAGE;
  }

  length(termId: number): number {
    return this.#count[termId] ?? 0;
  }

  /**
   * Adds `queryWeight * weight` of every posting of the term to `scores[slot]`; slots seen for
   * the first time (score 0 before) are appended to `touched` from `n` on. Returns the new `n`.
   */
  accumulate(
    termId: number,
    queryWeight: number,
    scores: Float32Array,
    touched: Int32Array,
    n: number,
  ): number {
    let left = this.#count[termId] ?? 0;
    let block = this.#head[termId] ?? NONE;
    for (let level = 0; left > 0 && block !== NONE; level = Math.min(level + 1, MAX_LEVEL)) {
      const page = this.#pages[block >>> PAGE_BITS] as Uint32Array;
      const start = (block & (PAGE - 1)) + 1;
      const end = start + Math.min(left, blockWords(level) - 1);
      for (let i = start; i < end; i += 1) {
        const packed = page[i] as number;
        const slot = packed >>> 8;
        const before = scores[slot] as number;
        if (before === 0) touched[n++] = slot;
        scores[slot] = before + queryWeight * (WEIGHT_OF_CODE[packed & 0xff] as number);
      }
      left -= end - start;
      block = (page[start - 1] as number) | 0;
    }
    return n;
  }

  #find(termId: number, slot: number): number {
    let left = this.#count[termId] ?? 0;
    let block = this.#head[termId] ?? NONE;
    for (let level = 0; left > 0 && block !== NONE; level = Math.min(level + 1, MAX_LEVEL)) {
      const n = Math.min(left, blockWords(level) - 1);
      for (let i = 1; i <= n; i += 1) {
        if (this.#read(block + i) >>> 8 === slot) return block + i;
      }
      left -= n;
      block = this.#read(block) | 0;
    }
    return NONE;
  }

  /** The tail block is empty: the block before it becomes the (full) tail. */
  #stepBack(termId: number): void {
    const tail = this.#tail[termId] ?? NONE;
    let block = this.#head[termId] ?? NONE;
    let level = 0;
    while ((this.#read(block) | 0) !== tail) {
      block = this.#read(block) | 0;
      level = Math.min(level + 1, MAX_LEVEL);
    }
    this.#tail[termId] = block;
    this.#tailLevel[termId] = level;
    this.#tailUsed[termId] = blockWords(level) - 1;
  }

  /** Moves the tail to the next block (kept from before a removal, or a new one). */
  #nextBlock(termId: number, tail: number): number {
    const level = Math.min((this.#tailLevel[termId] ?? 0) + 1, MAX_LEVEL);
    let next = this.#read(tail) | 0;
    if (next === NONE) {
      next = this.#allocate(level);
      this.#write(tail, next >>> 0);
    }
    this.#tail[termId] = next;
    this.#tailLevel[termId] = level;
    this.#tailUsed[termId] = 0;
    return next;
  }

  #allocate(level: number): number {
    const words = blockWords(level);
    if (this.#used + words > PAGE) {
      this.#pages.push(new Uint32Array(PAGE));
      this.#used = 0;
    }
    const block = ((this.#pages.length - 1) << PAGE_BITS) | this.#used;
    this.#used += words;
    this.#write(block, NONE >>> 0);
    return block;
  }

  #read(at: number): number {
    return this.#pages[at >>> PAGE_BITS]?.[at & (PAGE - 1)] ?? 0;
  }

  #write(at: number, value: number): void {
    const page = this.#pages[at >>> PAGE_BITS];
    if (page) page[at & (PAGE - 1)] = value;
  }

  #ensureTerm(termId: number): void {
    if (termId < this.#head.length) return;
    const size = Math.max(1024, termId + 1, Math.ceil(this.#head.length * 1.5));
    this.#head = growFilled(this.#head, size);
    this.#tail = growFilled(this.#tail, size);
    this.#count = grow(this.#count, size);
    this.#tailUsed = grow(this.#tailUsed, size);
    const level = new Uint8Array(size);
    level.set(this.#tailLevel);
    this.#tailLevel = level;
  }
}

function grow(old: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const fresh = new Int32Array(size);
  fresh.set(old);
  return fresh;
}

function growFilled(old: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const fresh = new Int32Array(size).fill(NONE);
  fresh.set(old);
  return fresh;
}
