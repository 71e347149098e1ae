/**
 * Related-stories latency and memory at scale, on generated stories (no data needed):
 *   node --expose-gc --import tsx bench/related-latency.ts [stories=100000] [queries=2000]
 * Prints build time, p50/p99 of `related(id, 10)` and of a near-duplicate lookup, and memory.
 */
import { fingerprint } from '../src/text/fingerprint.ts';
import { TermStats, storyTerms } from '../src/text/keywords.ts';
import { NearDuplicateIndex } from '../src/text/near-duplicate-index.ts';
import { RelatedIndex, type RelatedDoc } from '../src/text/related-index.ts';

const STORIES = Number(process.argv[2] ?? 100_000);
const QUERIES = Number(process.argv[3] ?? 2_000);
const VOCABULARY = 60_000;

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = random(42);
const word = (i: number): string => `w${i.toString(36)}x`;
/** Zipf-like: word ranks drawn with density ~ 1/rank. */
const zipf = (): string => word(Math.floor(Math.exp(rand() * Math.log(VOCABULARY))));

/** Stories come in events of 1-20 stories that share a name, a place and event words. */
function generate(n: number): RelatedDoc[] {
  const docs: RelatedDoc[] = [];
  let event: { words: string[]; names: string[] } = { words: [], names: [] };
  for (let i = 0; i < n; i += 1) {
    if (i === 0 || rand() < 0.1) {
      const e = docs.length;
      event = {
        words: Array.from({ length: 25 }, () => zipf()),
        names: [`Ana${e.toString(36)} Bel${(e * 7).toString(36)}`, `Port${(e * 13).toString(36)}`],
      };
    }
    const pick = (): string =>
      rand() < 0.3 ? (event.words[Math.floor(rand() * 25)] ?? '') : zipf();
    const title = [event.names[0] ?? '', ...Array.from({ length: 6 }, pick)].join(' ');
    const sentences = Array.from(
      { length: 8 + Math.floor(rand() * 12) },
      () => [`In ${event.names[1] ?? ''}`, ...Array.from({ length: 14 }, pick)].join(' ') + '.',
    );
    const day = Math.floor(i / 300);
    docs.push({
      id: `s${i}`,
      title,
      body: sentences.join(' '),
      entities: event.names,
      publishedAt: new Date(Date.UTC(2024, 0, 1 + day)),
    });
  }
  return docs;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(0)} MB`;
}

function timeAll(ids: readonly string[], run: (id: string) => void): number[] {
  const times = ids.map((id) => {
    const t = performance.now();
    run(id);
    return performance.now() - t;
  });
  return times.sort((a, b) => a - b);
}

function main(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  let t = performance.now();
  const docs = generate(STORIES);
  console.log(`generated ${STORIES} stories in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const stats = new TermStats();
  const index = new RelatedIndex(stats);
  const dups = new NearDuplicateIndex();
  t = performance.now();
  for (const doc of docs) {
    stats.addDocument(storyTerms(doc.title, doc.body));
    index.add(doc);
  }
  const build = (performance.now() - t) / 1000;
  console.log(
    `indexed in ${build.toFixed(1)} s (${((build * 1e6) / STORIES).toFixed(0)} µs per story, incremental)`,
  );
  const fps = docs.map((d) => fingerprint(d.title, d.body));
  docs.forEach((d, i) => {
    dups.add(d.id, fps[i] ?? '');
  });
  const ids = Array.from({ length: QUERIES }, () => `s${Math.floor(rand() * STORIES)}`);
  const ask = (id: string): void => {
    index.related(id, 10);
  };
  timeAll(ids.slice(0, 200), ask);
  const rel = timeAll(ids, ask);
  console.log(
    `related(id, 10): p50 ${percentile(rel, 0.5).toFixed(2)} ms, p99 ${percentile(rel, 0.99).toFixed(2)} ms`,
  );
  const near = timeAll(ids, (id) => {
    dups.find(fps[Number(id.slice(1))] ?? '');
  });
  console.log(
    `near-duplicates find: p50 ${percentile(near, 0.5).toFixed(3)} ms, p99 ${percentile(near, 0.99).toFixed(3)} ms`,
  );
  docs.length = 0;
  fps.length = 0;
  gc?.();
  const m = process.memoryUsage();
  console.log(
    `memory with both indexes and the term stats: rss ${mb(m.rss)}, heap used ${mb(m.heapUsed)}, array buffers ${mb(m.arrayBuffers)}${gc ? '' : ' (run with --expose-gc for a settled number)'}`,
  );
  console.log(`index size ${index.size}, terms in stats ${stats.termCount}`);
}

main();
