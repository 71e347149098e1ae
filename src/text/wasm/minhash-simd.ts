import { MINHASH_WASM } from './minhash-wasm.ts';

/**
 * MinHash in WebAssembly SIMD (minhash.wat): the same minima as the loop in fingerprint.ts,
 * four values at a time; the ingest's hottest loop (ADR 0015). `undefined` where
 * WebAssembly or its SIMD is not available: the caller runs its own loop.
 */
export interface SimdMinHash {
  /** Fills `mins[first .. first + slots)` from `values` with `seeds` (all slots' seeds). */
  run(values: Uint32Array, mins: Uint32Array, first: number, slots: number): void;
}

const PAGE = 65_536;

/** The little of the WebAssembly API used here (Node's types do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

export function loadSimdMinHash(seeds: Uint32Array): SimdMinHash | undefined {
  let memory: WasmMemory;
  let minhash: (...args: number[]) => void;
  try {
    const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const bytes = Buffer.from(MINHASH_WASM, 'base64');
    const instance = new api.Instance(new api.Module(bytes));
    memory = instance.exports.memory as WasmMemory;
    minhash = instance.exports.minhash as (...args: number[]) => void;
  } catch {
    // No WebAssembly, or no SIMD in it (the module does not compile).
    return undefined;
  }
  // Layout: the seeds, then the minima, then the values (see minhash.wat).
  const seedsAt = 0;
  const outAt = seedsAt + 4 * seeds.length;
  const valuesAt = outAt + 4 * seeds.length;
  new Uint32Array(memory.buffer).set(seeds, seedsAt / 4);
  return {
    run(values, mins, first, slots) {
      // A multiple of four values: the padding repeats the first (a minimum stays as it is).
      const padded = (values.length + 3) & ~3;
      const need = valuesAt + 4 * padded;
      if (need > memory.buffer.byteLength) {
        memory.grow(Math.ceil((need - memory.buffer.byteLength) / PAGE));
      }
      const words = new Uint32Array(memory.buffer);
      words.set(values, valuesAt / 4);
      words.fill(values[0] ?? 0, valuesAt / 4 + values.length, valuesAt / 4 + padded);
      minhash(seedsAt, valuesAt, padded, outAt, first, slots);
      mins.set(words.subarray(outAt / 4 + first, outAt / 4 + first + slots), first);
    },
  };
}
