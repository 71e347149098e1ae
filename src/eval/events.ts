import { TermStats } from '../text/keywords.ts';
import { fingerprint } from '../text/fingerprint.ts';
import { MemoryEvents, storyFeatures, type AssignOptions } from '../text/events/index.ts';
import type { LabelledArticle } from './related.ts';

export type ArrivalOrder = 'file' | 'reversed' | 'shuffle';
export type TopicHalf = 'odd' | 'even';
export const HALVES: readonly TopicHalf[] = ['odd', 'even'];

/** The seed of the `shuffle` order (fixed, so the figure can be repeated). */
export const SHUFFLE_SEED = 19;

/** The articles in the order asked: the file's, reversed, or a seeded shuffle. */
export function arrange(
  articles: readonly LabelledArticle[],
  order: ArrivalOrder,
  seed = SHUFFLE_SEED,
): LabelledArticle[] {
  switch (order) {
    case 'file':
      return [...articles];
    case 'reversed':
      return [...articles].reverse();
    case 'shuffle':
      return shuffled(articles, seed);
  }
}

/** The articles of the odd or even topic numbers (`t1`, `t3`...; `t2`, `t4`...). */
export function halfOf(articles: readonly LabelledArticle[], half: TopicHalf): LabelledArticle[] {
  return articles.filter((a) => {
    const n = Number(/\d+/.exec(a.topic ?? '')?.[0] ?? NaN);
    return Number.isInteger(n) && (n % 2 === 1) === (half === 'odd');
  });
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * Clusters the articles online, in the order given, into events: each article is assigned
 * as it arrives, from the events before it. The term statistics see the whole set first, as
 * a store holding a corpus would (see `rankRelated`). Uses only the text, never the labels.
 */
export function clusterEvents(
  articles: readonly LabelledArticle[],
  options: Partial<AssignOptions> = {},
  /** Called after each article is assigned: how many of them are done. */
  onProgress?: (done: number, total: number) => void,
): Map<string, string> {
  const stats = new TermStats();
  const features = articles.map((a) =>
    storyFeatures({
      id: a.id,
      title: a.title,
      body: a.body,
      fingerprint: fingerprint(a.title, a.body),
    }),
  );
  for (const f of features) stats.addDocument(f.terms.keys());
  const events = new MemoryEvents(stats, options);
  features.forEach((f, i) => {
    events.add(f);
    onProgress?.(i + 1, features.length);
  });
  return events.events();
}

export interface EventScores {
  articles: number;
  events: number;
  clusters: number;
  /** B-cubed precision, recall and F1, x100. */
  bcubedPrecision: number;
  bcubedRecall: number;
  bcubedF1: number;
  /** Pairwise (same-event pairs) precision, recall and F1, x100. */
  pairPrecision: number;
  pairRecall: number;
  pairF1: number;
}

/** B-cubed and pairwise scores of predicted events against the articles' clusters. */
export function scoreEvents(
  articles: readonly LabelledArticle[],
  predicted: ReadonlyMap<string, string>,
): EventScores {
  const gold = new Map(articles.map((a) => [a.id, a.cluster]));
  const pred = new Map(articles.map((a) => [a.id, predicted.get(a.id) ?? `missing:${a.id}`]));
  const both = countBy(articles.map((a) => `${gold.get(a.id)}\u0000${pred.get(a.id)}`));
  const goldSizes = countBy([...gold.values()]);
  const predSizes = countBy([...pred.values()]);
  let p = 0;
  let r = 0;
  for (const a of articles) {
    const g = gold.get(a.id) as string;
    const e = pred.get(a.id) as string;
    const shared = both.get(`${g}\u0000${e}`) ?? 0;
    p += shared / (predSizes.get(e) ?? 1);
    r += shared / (goldSizes.get(g) ?? 1);
  }
  const n = Math.max(1, articles.length);
  const pairs = (sizes: Map<string, number>): number =>
    [...sizes.values()].reduce((sum, s) => sum + (s * (s - 1)) / 2, 0);
  const truePairs = pairs(both);
  const pp = ratio(truePairs, pairs(predSizes));
  const pr = ratio(truePairs, pairs(goldSizes));
  return {
    articles: articles.length,
    events: predSizes.size,
    clusters: goldSizes.size,
    bcubedPrecision: (100 * p) / n,
    bcubedRecall: (100 * r) / n,
    bcubedF1: f1((100 * p) / n, (100 * r) / n),
    pairPrecision: 100 * pp,
    pairRecall: 100 * pr,
    pairF1: f1(100 * pp, 100 * pr),
  };
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 1;
}

function f1(p: number, r: number): number {
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}
