import { words } from './tokenize.ts';
import { loadSimdMinHash } from './wasm/minhash-simd.ts';

/**
 * Near-duplicate fingerprints: MinHash, each slot keeping the low 8 bits of its minimum
 * ("b-bit minwise hashing"), written in hex. 64 slots over the word 3-shingles of title +
 * body estimate the resemblance (Jaccard) of the two texts: a story from another feed,
 * re-dated, or with one paragraph added keeps most of its shingles. 32 more slots over its
 * key tokens (capitalised words and numbers) tell two stories from one template apart: their
 * boilerplate may dominate the text, but their names and numbers differ. See ADR 0005.
 */
export const SLOTS = 64;
export const KEY_SLOTS = 32;
export const FINGERPRINT_BYTES = SLOTS + KEY_SLOTS;
const SHINGLE = 3;
/** Estimated resemblance of the texts at or above which two stories are the same story. */
export const NEAR_DUPLICATE_RESEMBLANCE = 0.7;
/** ... provided their names and numbers resemble at least this much. */
export const NEAR_DUPLICATE_KEY_RESEMBLANCE = 0.5;

const SEEDS = Uint32Array.from({ length: FINGERPRINT_BYTES }, (_, i) =>
  mix32(0x9e3779b9 ^ Math.imul(i + 1, 0x85ebca6b)),
);

/** `tokens`: the `words` of title and body, when already read. */
export function fingerprint(title: string, body: string, tokens?: readonly string[]): string {
  const text = `${title}\n${body}`;
  // The minimum of a list is that of its set: repeated hashes need no removing.
  const mins = new Uint32Array(FINGERPRINT_BYTES);
  minHash(shingleHashes(tokens ?? words(text)), mins, 0, SLOTS);
  minHash(keyTokenHashes(text), mins, SLOTS, KEY_SLOTS);
  let hex = '';
  for (let i = 0; i < FINGERPRINT_BYTES; i += 1) hex += HEX[(mins[i] as number) & 0xff] as string;
  return hex;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Capitalised words and numbers, lowercase: what tells one event's story from another's. */
export function keyTokens(text: string): string[] {
  const keys: string[] = [];
  // `match` lists the tokens as strings: no match object per token.
  for (const token of text.match(TOKEN) ?? [])
    if (isKeyToken(token)) keys.push(token.toLowerCase());
  return keys;
}

const TOKEN = /[\p{L}\p{N}]+/gu;

/** Starts with a capital or holds a digit (`/^\p{Lu}|\p{N}/u`, with an ASCII fast path). */
function isKeyToken(token: string): boolean {
  const first = token.charCodeAt(0);
  if (first >= 65 && first <= 90) return true;
  let ascii = first < 128;
  for (let i = 0; i < token.length; i += 1) {
    const c = token.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
    if (c >= 128) ascii = false;
  }
  return !ascii && /^\p{Lu}|\p{N}/u.test(token);
}

function keyTokenHashes(text: string): Uint32Array {
  const keys = keyTokens(text);
  const hashes = new Uint32Array(keys.length);
  for (let i = 0; i < keys.length; i += 1) hashes[i] = hash32(keys[i] as string);
  return hashes;
}

/** Estimated resemblance of the two stories' texts (word 3-shingles), 0..1. */
export function resemblance(a: string, b: string): number {
  return bytesResemblance(slotBytes(a), slotBytes(b));
}

/** The same on fingerprint bytes: over the text slots, or (`keys`) the key-token slots. */
export function bytesResemblance(x: Uint8Array, y: Uint8Array, keys = false): number {
  const [from, to] = keys ? [SLOTS, FINGERPRINT_BYTES] : [0, SLOTS];
  let same = 0;
  for (let i = from; i < to; i += 1) if (x[i] === y[i]) same += 1;
  // With 8-bit slots, two different minima still agree one time in 256.
  const chance = 1 / 256;
  return Math.max(0, (same / (to - from) - chance) / (1 - chance));
}

export function isNearDuplicate(a: string, b: string): boolean {
  return bytesNearDuplicate(slotBytes(a), slotBytes(b));
}

export function bytesNearDuplicate(x: Uint8Array, y: Uint8Array): boolean {
  return (
    bytesResemblance(x, y) >= NEAR_DUPLICATE_RESEMBLANCE &&
    bytesResemblance(x, y, true) >= NEAR_DUPLICATE_KEY_RESEMBLANCE
  );
}

/** The slot bytes of a fingerprint; throws on a string that is not one. */
export function slotBytes(fp: string): Uint8Array {
  const bytes = new Uint8Array(FINGERPRINT_BYTES);
  let valid = fp.length === 2 * FINGERPRINT_BYTES;
  for (let i = 0; valid && i < FINGERPRINT_BYTES; i += 1) {
    const high = hexDigit(fp.charCodeAt(2 * i));
    const low = hexDigit(fp.charCodeAt(2 * i + 1));
    valid = high >= 0 && low >= 0;
    bytes[i] = (high << 4) | low;
  }
  if (!valid) throw new TypeError(`not a story fingerprint: "${fp.slice(0, 20)}"`);
  return bytes;
}

/** The value of a lowercase hex digit's code, or -1. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** Fills `mins[first .. first + slots)`: per slot, the least of the values mixed with its seed. */
function minHash(values: Uint32Array, mins: Uint32Array, first: number, slots: number): void {
  if (SIMD !== undefined) SIMD.run(values, mins, first, slots);
  else minHashLoop(values, mins, first, slots);
}

/** WebAssembly SIMD where there is (the same minima, four values at a time). */
const SIMD = loadSimdMinHash(SEEDS);

/** The same in JavaScript: the definition, and where WebAssembly SIMD is missing. */
export function minHashLoop(
  values: Uint32Array,
  mins: Uint32Array,
  first: number,
  slots: number,
): void {
  for (let i = first; i < first + slots; i += 1) {
    const seed = SEEDS[i] as number;
    let min = 0xffffffff;
    for (let j = 0; j < values.length; j += 1) {
      let h = ((values[j] as number) ^ seed) >>> 0;
      h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
      h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
      h = (h ^ (h >>> 16)) >>> 0;
      if (h < min) min = h;
    }
    mins[i] = min;
  }
}

/** `minHash` as it runs here (WebAssembly SIMD or the loop), for tests. */
export function minHashHere(values: Uint32Array, mins: Uint32Array, first: number, slots: number) {
  minHash(values, mins, first, slots);
  return SIMD === undefined ? 'loop' : 'simd';
}

/** The hashes of the word 3-shingles: `hash32` of the three words joined by a space. */
function shingleHashes(tokens: readonly string[]): Uint32Array {
  if (tokens.length < SHINGLE) {
    return tokens.length > 0 ? Uint32Array.of(hash32(tokens.join(' '))) : new Uint32Array(0);
  }
  const hashes = new Uint32Array(tokens.length - SHINGLE + 1);
  for (let i = 0; i + SHINGLE <= tokens.length; i += 1) {
    let h = fnv(FNV_BASIS, tokens[i] as string);
    for (let j = 1; j < SHINGLE; j += 1)
      h = fnv(Math.imul(h ^ 32, FNV_PRIME), tokens[i + j] as string);
    hashes[i] = mix32(h);
  }
  return hashes;
}

const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnv(start: number, text: string): number {
  let h = start;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** FNV-1a over UTF-16 code units, then a final mix. */
function hash32(text: string): number {
  return mix32(fnv(FNV_BASIS, text));
}

/** The murmur3 finaliser: a cheap bijective 32-bit mix. */
function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
