import { words } from './tokenize.ts';

/**
 * Near-duplicate fingerprints: MinHash over word 3-shingles of title + body, 64 slots, each
 * slot keeping the low 8 bits of its minimum ("b-bit minwise hashing"), written as 128 hex
 * digits. Two fingerprints estimate the Jaccard resemblance of the two shingle sets: a story
 * from another feed, re-dated, or with one paragraph added keeps most of its shingles, two
 * stories from the same template share only the boilerplate. See ADR 0005.
 */
export const SLOTS = 64;
const SHINGLE = 3;
/** Estimated Jaccard resemblance at or above which two stories are the same story. */
export const NEAR_DUPLICATE_RESEMBLANCE = 0.7;

const SEEDS = Uint32Array.from({ length: SLOTS }, (_, i) =>
  mix32(0x9e3779b9 ^ Math.imul(i + 1, 0x85ebca6b)),
);

export function fingerprint(title: string, body: string): string {
  const mins = new Uint32Array(SLOTS).fill(0xffffffff);
  for (const shingle of shingleHashes(words(`${title}\n${body}`))) {
    for (let i = 0; i < SLOTS; i += 1) {
      const h = mix32(shingle ^ (SEEDS[i] ?? 0));
      if (h < (mins[i] ?? 0)) mins[i] = h;
    }
  }
  return Array.from(mins, (m) => (m & 0xff).toString(16).padStart(2, '0')).join('');
}

/** Estimated Jaccard resemblance of the two stories' shingle sets, 0..1. */
export function resemblance(a: string, b: string): number {
  return bytesResemblance(slotBytes(a), slotBytes(b));
}

/** The same, on the slot bytes of two fingerprints (64 each). */
export function bytesResemblance(x: Uint8Array, y: Uint8Array): number {
  let same = 0;
  for (let i = 0; i < SLOTS; i += 1) if (x[i] === y[i]) same += 1;
  // With 8-bit slots, two different minima still agree one time in 256.
  const chance = 1 / 256;
  return Math.max(0, (same / SLOTS - chance) / (1 - chance));
}

export function isNearDuplicate(a: string, b: string): boolean {
  return resemblance(a, b) >= NEAR_DUPLICATE_RESEMBLANCE;
}

/** The 64 slot bytes of a fingerprint; throws on a string that is not one. */
export function slotBytes(fp: string): Uint8Array {
  if (!/^[0-9a-f]{128}$/.test(fp))
    throw new TypeError(`not a story fingerprint: "${fp.slice(0, 20)}"`);
  return Uint8Array.from({ length: SLOTS }, (_, i) => parseInt(fp.slice(2 * i, 2 * i + 2), 16));
}

function shingleHashes(tokens: readonly string[]): Set<number> {
  const hashes = new Set<number>();
  if (tokens.length < SHINGLE) {
    if (tokens.length > 0) hashes.add(hash32(tokens.join(' ')));
    return hashes;
  }
  for (let i = 0; i + SHINGLE <= tokens.length; i += 1) {
    hashes.add(hash32(tokens.slice(i, i + SHINGLE).join(' ')));
  }
  return hashes;
}

/** FNV-1a over UTF-16 code units, then a final mix. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return mix32(h);
}

/** The murmur3 finaliser: a cheap bijective 32-bit mix. */
function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
