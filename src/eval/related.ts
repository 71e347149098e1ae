import { z } from 'zod';
import { fingerprint } from '../text/fingerprint.ts';
import { TermStats, storyTerms } from '../text/keywords.ts';
import { RelatedIndex, type IndexOptions, type QueryOptions } from '../text/related-index.ts';
import { parseJsonLines } from './json-lines.ts';

/** One labelled article of an evaluation file (the ECB+ format of ../shared/eval/). */
export const LabelledArticleSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  body: z.string(),
  cluster: z.string().min(1),
  topic: z.string().optional(),
  /** The article's language tag (a translated set gives it; absent: English). */
  language: z.string().min(2).optional(),
  /** The id of the article this one was translated from (a translated set gives it). */
  source: z.string().min(1).optional(),
});
export type LabelledArticle = z.infer<typeof LabelledArticleSchema>;

export type ParseResult = { ok: true; articles: LabelledArticle[] } | { ok: false; reason: string };

/** Parses JSONL text: one article per non-empty line, ids unique. */
export function parseArticles(text: string): ParseResult {
  const seen = new Set<string>();
  const read = parseJsonLines(text, LabelledArticleSchema, (article) => {
    if (seen.has(article.id)) return `duplicate id "${article.id}"`;
    seen.add(article.id);
    return undefined;
  });
  if (!read.ok) return read;
  return read.rows.length > 0
    ? { ok: true, articles: read.rows }
    : { ok: false, reason: 'no articles in the file' };
}

/** The articles of each event (`cluster`), in file order. */
export function byCluster(articles: readonly LabelledArticle[]): Map<string, LabelledArticle[]> {
  const out = new Map<string, LabelledArticle[]>();
  for (const a of articles) {
    const list = out.get(a.cluster);
    if (list) list.push(a);
    else out.set(a.cluster, [a]);
  }
  return out;
}

export interface RankOptions {
  index?: Partial<IndexOptions>;
  query?: Partial<QueryOptions>;
}

/**
 * Ranks, for each article, the other articles of the set, best first (the `k` best). Uses only
 * the text: titles and bodies, never the labels. The term statistics see the whole set
 * first, as a store rebuilding its index at start-up would.
 */
export function rankRelated(
  articles: readonly LabelledArticle[],
  k: number,
  options: RankOptions = {},
  /** Called after each article is ranked: how many of them are done. */
  onProgress?: (done: number, total: number) => void,
): Map<string, string[]> {
  const stats = new TermStats();
  for (const a of articles) stats.addDocument(storyTerms(a.title, a.body));
  const index = new RelatedIndex(stats, options.index);
  for (const a of articles) {
    index.add({
      id: a.id,
      title: a.title,
      body: a.body,
      fingerprint: fingerprint(a.title, a.body),
    });
  }
  return new Map(
    articles.map((a, i) => {
      const ids = index.related(a.id, k, options.query).map((hit) => hit.id);
      onProgress?.(i + 1, articles.length);
      return [a.id, ids];
    }),
  );
}

export interface RelatedScores {
  /** Hits in the top 5 / 5, macro-averaged, x100. */
  precisionAt5: number;
  /** Hits in the top 10 / the other members of the cluster, macro-averaged, x100. */
  recallAt10: number;
  /** Articles scored (those with at least one other member in their cluster). */
  articles: number;
}

/** P@5 and R@10 of the rankings; a hit shares the article's cluster. */
export function scoreRelated(
  articles: readonly LabelledArticle[],
  ranked: ReadonlyMap<string, readonly string[]>,
): RelatedScores {
  const clusterOf = new Map(articles.map((a) => [a.id, a.cluster]));
  const sizes = new Map<string, number>();
  for (const a of articles) sizes.set(a.cluster, (sizes.get(a.cluster) ?? 0) + 1);
  let p5 = 0;
  let r10 = 0;
  let n = 0;
  for (const a of articles) {
    const others = (sizes.get(a.cluster) ?? 1) - 1;
    if (others === 0) continue;
    const hits = (ranked.get(a.id) ?? []).map((id) => clusterOf.get(id) === a.cluster);
    p5 += hits.slice(0, 5).filter(Boolean).length / 5;
    r10 += hits.slice(0, 10).filter(Boolean).length / others;
    n += 1;
  }
  return {
    precisionAt5: (100 * p5) / Math.max(1, n),
    recallAt10: (100 * r10) / Math.max(1, n),
    articles: n,
  };
}
