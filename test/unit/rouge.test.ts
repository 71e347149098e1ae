import { describe, expect, it } from 'vitest';
import { lcsLength, rougeN, rougeScores } from '../../src/text/rouge.ts';

describe('rougeScores', () => {
  it('scores a one-word substitution', () => {
    const s = rougeScores('The cat sat on the mat.', 'the cat is on the mat');
    expect(s.rouge1.f1).toBeCloseTo(5 / 6, 10);
    expect(s.rouge2.precision).toBeCloseTo(3 / 5, 10);
    expect(s.rouge2.recall).toBeCloseTo(3 / 5, 10);
    expect(s.rougeL.f1).toBeCloseTo(5 / 6, 10);
  });

  it('clips repeated words to their count in the reference', () => {
    const s = rougeScores('the the the', 'the cat');
    expect(s.rouge1.precision).toBeCloseTo(1 / 3, 10);
    expect(s.rouge1.recall).toBeCloseTo(1 / 2, 10);
    expect(s.rouge1.f1).toBeCloseTo(0.4, 10);
    expect(s.rouge2.f1).toBe(0);
  });

  it('tokenises as the evaluation does: lowercase letters and digits, punctuation dropped', () => {
    const s = rougeScores('The U.S. rose 3.5%, said Müller.', 'the u s rose 3 5 said müller');
    expect(s.rouge1.f1).toBe(1);
    expect(s.rouge2.f1).toBe(1);
    expect(s.rougeL.f1).toBe(1);
  });

  it('takes ROUGE-L over the whole sequences, so order matters', () => {
    const s = rougeScores('a b c d', 'd c b a');
    expect(s.rouge1.f1).toBe(1);
    expect(s.rougeL.f1).toBeCloseTo(1 / 4, 10);
  });

  it('gives 0, not NaN, for an empty candidate or reference', () => {
    expect(rougeScores('', 'the cat').rouge1.f1).toBe(0);
    expect(rougeScores('the cat', '').rougeL.f1).toBe(0);
  });
});

describe('rougeN and lcsLength', () => {
  it('counts bigram overlap with unequal lengths', () => {
    const s = rougeN(['a', 'b', 'c'], ['a', 'b', 'c', 'd', 'e'], 2);
    expect(s.precision).toBe(1);
    expect(s.recall).toBeCloseTo(2 / 4, 10);
    expect(s.f1).toBeCloseTo(2 / 3, 10);
  });

  it('finds the longest common subsequence', () => {
    expect(lcsLength(['a', 'b', 'c', 'b', 'd', 'a', 'b'], ['b', 'd', 'c', 'a', 'b', 'a'])).toBe(4);
    expect(lcsLength([], ['a'])).toBe(0);
  });
});
