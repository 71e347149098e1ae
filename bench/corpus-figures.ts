import type { CorpusResult } from './corpus-child.ts';
import type { Results } from './figures.ts';

const n = (x: number) => x.toLocaleString('en-US');

/** Related latency at each size measured (goal only at 100,000, the size). */
export function relatedFigures(results: Results, corpus: CorpusResult): void {
  for (const { size, latency } of corpus.related) {
    const goal = size >= 100_000 ? ({ op: '<=', value: 10 } as const) : undefined;
    results.add('3 related', `related(id, 10) p50 at ${n(size)}`, latency.p50, 'ms');
    results.add('3 related', `related(id, 10) p99 at ${n(size)}`, latency.p99, 'ms', goal);
  }
  if (corpus.count < 100_000)
    results.note('3 related', `goal is set at 100,000 stories; this run had ${n(corpus.count)}`);
}

export function searchFigures(results: Results, corpus: CorpusResult): void {
  const { size, latency, hitsMean } = corpus.search;
  results.add('4 search', `searchStories(2 words, 10) p50 at ${n(size)}`, latency.p50, 'ms');
  results.add('4 search', `searchStories p99 at ${n(size)}`, latency.p99, 'ms');
  results.note(
    '4 search',
    `SQLite FTS5 through the StoryStore port; ${latency.n} queries, ${hitsMean.toFixed(1)} hits each on average`,
  );
}

export function memoryFigures(results: Results, corpus: CorpusResult): void {
  // The goal is measured on `herald start` holding the stories (bench/start.ts benchStartAt);
  // this is the transient of ingesting them all at once in one process.
  results.add(
    '6 memory',
    `peak RSS, bulk ingest of ${n(corpus.count)} in one process (text worker on)`,
    corpus.maxRssMb,
    'MB',
  );
  results.add('6 memory', 'RSS at the end of that ingest, after a GC', corpus.settledRssMb, 'MB');
}
