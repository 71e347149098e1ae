import { z } from 'zod';
import type { TopicHalf } from './events.ts';
import { parseJsonLines } from './json-lines.ts';
import { hasDangling } from '../text/leaning.ts';
import { rougeScores } from '../text/rouge.ts';
import { splitSentences } from '../text/sentences.ts';
import { summarize } from '../text/summarize.ts';
import { rougeTokens } from '../text/tokenize.ts';

/** One article of a summary evaluation file (the BBC News Summary format of ../shared/eval/). */
export const SummaryArticleSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  body: z.string(),
  summary: z.string(),
});
export type SummaryArticle = z.infer<typeof SummaryArticleSchema>;

export type SummaryParseResult =
  { ok: true; articles: SummaryArticle[] } | { ok: false; reason: string };

/** Parses JSONL text: one article per non-empty line. */
export function parseSummaryArticles(text: string): SummaryParseResult {
  const read = parseJsonLines(text, SummaryArticleSchema);
  if (!read.ok) return read;
  return read.rows.length > 0
    ? { ok: true, articles: read.rows }
    : { ok: false, reason: 'no articles in the file' };
}

/**
 * The articles at odd (1st, 3rd...) or even (2nd, 4th...) places in the file: one half to tune
 * on, the other held out.
 */
export function halfOfFile<T>(articles: readonly T[], half: TopicHalf): T[] {
  return articles.filter((_, i) => (i % 2 === 0) === (half === 'odd'));
}

export interface SummaryPrediction {
  readonly id: string;
  /** The summary sentences joined by one space ("" when the story was too short). */
  readonly summary: string;
  /** It holds a sentence that leans on one left out ("He said...", "However, ..."). */
  readonly dangling: boolean;
}

export interface SummaryScores {
  /** ROUGE F1 x100, macro-averaged over the articles. */
  readonly rouge1: number;
  readonly rouge2: number;
  readonly rougeL: number;
  /** Mean summary length in words (`[\p{L}\p{N}]+` tokens). */
  readonly meanWords: number;
  /** Articles for which the summariser returned nothing (scored 0). */
  readonly empty: number;
  /** Summaries with a sentence that leans on one left out (see `hasDangling`). */
  readonly dangling: number;
  readonly articles: number;
}

/** Summarises each article's body (its title passed as an option). */
export function predictSummaries(
  articles: readonly SummaryArticle[],
  sentences: number,
  standAlone = false,
  /** Called after each article: how many of them are done. */
  onProgress?: (done: number, total: number) => void,
): SummaryPrediction[] {
  return articles.map((a, i) => {
    const summary = summarize(a.body, { sentences, title: a.title, standAlone });
    onProgress?.(i + 1, articles.length);
    return {
      id: a.id,
      summary: summary.join(' '),
      dangling: hasDangling(summary, splitSentences(a.body)),
    };
  });
}

/** ROUGE-1/2/L F1 of each prediction against its article's `summary`, macro-averaged. */
export function scoreSummaries(
  articles: readonly SummaryArticle[],
  predictions: readonly SummaryPrediction[],
): SummaryScores {
  const totals = { rouge1: 0, rouge2: 0, rougeL: 0, words: 0, empty: 0, dangling: 0 };
  articles.forEach((article, i) => {
    const summary = predictions[i]?.summary ?? '';
    const scores = rougeScores(summary, article.summary);
    totals.rouge1 += scores.rouge1.f1;
    totals.rouge2 += scores.rouge2.f1;
    totals.rougeL += scores.rougeL.f1;
    totals.words += rougeTokens(summary).length;
    if (summary === '') totals.empty += 1;
    if (predictions[i]?.dangling === true) totals.dangling += 1;
  });
  const n = Math.max(articles.length, 1);
  return {
    rouge1: (100 * totals.rouge1) / n,
    rouge2: (100 * totals.rouge2) / n,
    rougeL: (100 * totals.rougeL) / n,
    meanWords: totals.words / n,
    empty: totals.empty,
    dangling: totals.dangling,
    articles: articles.length,
  };
}
