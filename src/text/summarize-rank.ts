/**
 * TextRank (Mihalcea & Tarau, 2004) over a sentence-similarity graph: two sentences are linked
 * by the number of words they share, divided by log|a| + log|b| so long sentences do not win
 * by length alone; PageRank over that weighted graph scores each sentence.
 */
export function textRank(sentences: readonly (readonly string[])[], damping = 0.85): number[] {
  const sets = sentences.map((words) => new Set(words));
  const weights = sentences.map((a, i) =>
    sentences.map((b, j) => (i === j ? 0 : overlap(a, b, sets[i], sets[j]))),
  );
  return pageRank(weights, damping);
}

function overlap(
  a: readonly string[],
  b: readonly string[],
  setA: ReadonlySet<string> | undefined,
  setB: ReadonlySet<string> | undefined,
): number {
  if (a.length < 2 || b.length < 2 || setA === undefined || setB === undefined) return 0;
  let shared = 0;
  for (const word of setA) if (setB.has(word)) shared += 1;
  return shared / (Math.log(a.length) + Math.log(b.length));
}

/** Weighted PageRank by power iteration; a node without links spreads its rank evenly. */
export function pageRank(weights: readonly (readonly number[])[], damping = 0.85): number[] {
  const n = weights.length;
  const outSums = weights.map((row) => row.reduce((sum, w) => sum + w, 0));
  let rank = new Array<number>(n).fill(1 / n);
  for (let iteration = 0; iteration < 100; iteration += 1) {
    const next = step(weights, outSums, rank, damping);
    const change = next.reduce((sum, r, i) => sum + Math.abs(r - (rank[i] ?? 0)), 0);
    rank = next;
    if (change < 1e-9) break;
  }
  return rank;
}

function step(
  weights: readonly (readonly number[])[],
  outSums: readonly number[],
  rank: readonly number[],
  damping: number,
): number[] {
  const n = rank.length;
  const next = new Array<number>(n).fill((1 - damping) / n);
  rank.forEach((r, j) => {
    const out = outSums[j] ?? 0;
    const row = weights[j] ?? [];
    for (let i = 0; i < n; i += 1) {
      const share = out === 0 ? 1 / n : (row[i] ?? 0) / out;
      next[i] = (next[i] ?? 0) + damping * r * share;
    }
  });
  return next;
}
