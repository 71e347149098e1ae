import { describe, expect, it } from 'vitest';
import { Postings, WEIGHT_OF_CODE, encodeWeight } from '../../src/text/related-postings.ts';

/** The (slot -> score) that one term's postings add, read through `accumulate`. */
function scoresOf(postings: Postings, termId: number, slots: number): Map<number, number> {
  const scores = new Float32Array(slots);
  const touched = new Int32Array(slots);
  const n = postings.accumulate(termId, 1, scores, touched, 0);
  return new Map(Array.from(touched.subarray(0, n), (slot) => [slot, scores[slot] ?? 0]));
}

describe('encodeWeight', () => {
  it('keeps a weight within 1.5% and never codes a positive weight as 0', () => {
    for (const w of [1, 0.5, 0.1, 0.0123, 0.001]) {
      const back = WEIGHT_OF_CODE[encodeWeight(w)] ?? 0;
      expect(Math.abs(back - w) / w).toBeLessThan(0.015);
    }
    expect(encodeWeight(1e-9)).toBe(1);
    expect(encodeWeight(0)).toBe(0);
  });
});

describe('Postings', () => {
  it('lists every slot added to a term, across many blocks', () => {
    const postings = new Postings();
    for (let slot = 0; slot < 5000; slot += 1) postings.add(7, slot, 200);
    postings.add(3, 42, 255);
    expect(postings.length(7)).toBe(5000);
    const scores = scoresOf(postings, 7, 5000);
    expect(scores.size).toBe(5000);
    expect(scores.get(4999)).toBeCloseTo(WEIGHT_OF_CODE[200] ?? 0, 6);
    expect([...scoresOf(postings, 3, 5000).keys()]).toEqual([42]);
    expect(scoresOf(postings, 99, 5000).size).toBe(0);
  });

  it('removes a slot, reuses emptied blocks, and keeps the others', () => {
    const postings = new Postings();
    for (let slot = 0; slot < 100; slot += 1) postings.add(1, slot, 100);
    for (let slot = 0; slot < 100; slot += 2) postings.remove(1, slot);
    postings.remove(1, 1000);
    expect(postings.length(1)).toBe(50);
    expect([...scoresOf(postings, 1, 200).keys()].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => 2 * i + 1),
    );
    for (let slot = 100; slot < 160; slot += 1) postings.add(1, slot, 100);
    expect(scoresOf(postings, 1, 200).size).toBe(110);
    for (let slot = 1; slot < 160; slot += 1) postings.remove(1, slot);
    expect(postings.length(1)).toBe(0);
    postings.add(1, 5, 100);
    expect([...scoresOf(postings, 1, 200).keys()]).toEqual([5]);
  });
});
