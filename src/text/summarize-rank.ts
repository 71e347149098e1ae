/**
 * TextRank (Mihalcea & Tarau, 2004) over a sentence-similarity graph: two sentences are linked
 * by the number of words they share, divided by log|a| + log|b| so long sentences do not win
 * by length alone; PageRank over that weighted graph scores each sentence.
 *
 * The graph is a flat n x n Float64Array, and shared words are counted through an inverted
 * list (word -> sentences), so a story costs the pairs that share a word, not every pair
 * times its words: the ingest runs this for every story (see `npm run bench`).
 */
export function textRank(sentences: readonly (readonly string[])[], damping = 0.85): number[] {
  return pageRank(similarityGraph(sentences), sentences.length, damping);
}

/** Row-major weights: entry i * n + j links sentence i to sentence j (symmetric, 0 diagonal). */
export function similarityGraph(sentences: readonly (readonly string[])[]): Float64Array {
  const n = sentences.length;
  const weights = new Float64Array(n * n);
  const shared = sharedWordCounts(sentences);
  const logs = sentences.map((words) => Math.log(words.length));
  for (let i = 0; i < n; i += 1) {
    const a = sentences[i] as readonly string[];
    if (a.length < 2) continue;
    for (let j = 0; j < n; j += 1) {
      const b = sentences[j] as readonly string[];
      const count = shared[i * n + j] as number;
      if (i === j || b.length < 2 || count === 0) continue;
      weights[i * n + j] = count / ((logs[i] as number) + (logs[j] as number));
    }
  }
  return weights;
}

/** How many distinct words each pair of sentences shares (row-major, both halves filled). */
function sharedWordCounts(sentences: readonly (readonly string[])[]): Uint32Array {
  const n = sentences.length;
  const counts = new Uint32Array(n * n);
  const holders = new Map<string, number[]>();
  sentences.forEach((words, s) => {
    for (const word of words) {
      const list = holders.get(word);
      if (list === undefined) holders.set(word, [s]);
      else if (list[list.length - 1] !== s) list.push(s);
    }
  });
  for (const list of holders.values()) {
    for (let x = 1; x < list.length; x += 1) {
      const i = list[x] as number;
      for (let y = 0; y < x; y += 1) {
        const j = list[y] as number;
        counts[i * n + j] = (counts[i * n + j] as number) + 1;
        counts[j * n + i] = (counts[j * n + i] as number) + 1;
      }
    }
  }
  return counts;
}

/**
 * Weighted PageRank by power iteration over row-major `weights` (n x n); a node without links
 * spreads its rank evenly.
 */
export function pageRank(weights: Float64Array, n: number, damping = 0.85): number[] {
  const shares = outShares(weights, n);
  // The non-zero shares of each row (a zero adds nothing: same sums, in the same order).
  const rowStart = new Int32Array(n + 1);
  const columns: number[] = [];
  for (let j = 0; j < n; j += 1) {
    for (let i = 0; i < n; i += 1) if ((shares[j * n + i] as number) !== 0) columns.push(i);
    rowStart[j + 1] = columns.length;
  }
  let rank = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let iteration = 0; iteration < 100; iteration += 1) {
    next.fill((1 - damping) / n);
    for (let j = 0; j < n; j += 1) {
      const r = rank[j] as number;
      const row = j * n;
      for (let k = rowStart[j] as number; k < (rowStart[j + 1] as number); k += 1) {
        const i = columns[k] as number;
        next[i] = (next[i] as number) + damping * r * (shares[row + i] as number);
      }
    }
    let change = 0;
    for (let i = 0; i < n; i += 1) change += Math.abs((next[i] as number) - (rank[i] as number));
    [rank, next] = [next, rank];
    if (change < 1e-9) break;
  }
  return Array.from(rank);
}

/** Each weight divided by its row's sum (1/n for a row without links). */
function outShares(weights: Float64Array, n: number): Float64Array {
  const shares = new Float64Array(n * n);
  for (let j = 0; j < n; j += 1) {
    let out = 0;
    for (let i = 0; i < n; i += 1) out += weights[j * n + i] as number;
    for (let i = 0; i < n; i += 1) {
      shares[j * n + i] = out === 0 ? 1 / n : (weights[j * n + i] as number) / out;
    }
  }
  return shares;
}
