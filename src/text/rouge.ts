import { rougeTokens } from './tokenize.ts';

/** Precision, recall and F1 of one candidate against one reference, each in [0, 1]. */
export interface RougeScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** ROUGE-1, ROUGE-2 and ROUGE-L of one candidate text against one reference text. */
export interface RougeScores {
  readonly rouge1: RougeScore;
  readonly rouge2: RougeScore;
  readonly rougeL: RougeScore;
}

/**
 * Scores a candidate summary against a reference, the way the evaluation does: lowercase
 * `[\p{L}\p{N}]+` tokens, no stemming, no stop-word removal, ROUGE-L as the longest common
 * subsequence of the two whole token sequences (not the sentence-level ROUGE-Lsum).
 */
export function rougeScores(candidate: string, reference: string): RougeScores {
  const cand = rougeTokens(candidate);
  const ref = rougeTokens(reference);
  return {
    rouge1: rougeN(cand, ref, 1),
    rouge2: rougeN(cand, ref, 2),
    rougeL: score(lcsLength(cand, ref), cand.length, ref.length),
  };
}

/** ROUGE-N over token lists: n-gram overlap with counts clipped to the reference's. */
export function rougeN(
  candidate: readonly string[],
  reference: readonly string[],
  n: number,
): RougeScore {
  const refCounts = ngramCounts(reference, n);
  let overlap = 0;
  for (const [gram, count] of ngramCounts(candidate, n)) {
    overlap += Math.min(count, refCounts.get(gram) ?? 0);
  }
  return score(
    overlap,
    Math.max(candidate.length - n + 1, 0),
    Math.max(reference.length - n + 1, 0),
  );
}

/** The length of the longest common subsequence of two token lists (O(n·m) time, O(m) space). */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const token of a) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j += 1) {
      current[j] =
        token === b[j - 1]
          ? (previous[j - 1] ?? 0) + 1
          : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i += 1) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

function score(overlap: number, candidateTotal: number, referenceTotal: number): RougeScore {
  const precision = candidateTotal === 0 ? 0 : overlap / candidateTotal;
  const recall = referenceTotal === 0 ? 0 : overlap / referenceTotal;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
