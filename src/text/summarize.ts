import { isBoilerplateLine } from './boilerplate.ts';
import { splitSentences } from './sentences.ts';
import { FUNCTION_WORDS } from './summarize-function-words.ts';
import { textRank } from './summarize-rank.ts';
import { countRougeTokens, words } from './tokenize.ts';

export interface SummaryOptions {
  /** At most this many sentences (default 3). */
  readonly sentences?: number;
  /** The story's title. Measured, it does not help the ranking (ADR 0004); kept for callers. */
  readonly title?: string;
  /**
   * Word budget of the whole summary (default 100, and never more than 60% of the story): a
   * sentence that would pass it is skipped.
   */
  readonly maxWords?: number;
}

export const SUMMARY_DEFAULTS = {
  sentences: 3,
  title: '',
  maxWords: 100,
  /** Shorter stories are not summarised: the caller shows the body. */
  minStoryWords: 80,
  /** The summary stays within this share of the story's words, or none is returned. */
  maxShare: 0.6,
  /** A candidate sentence has at least this many words. */
  minSentenceWords: 6,
  /** Only the first sentences are ranked, so a huge text costs bounded time. */
  maxCandidates: 250,
} as const satisfies Required<SummaryOptions> & Record<string, unknown>;

interface Candidate {
  readonly index: number;
  readonly text: string;
  readonly words: number;
  readonly terms: string[];
}

/**
 * An extractive summary: at most `sentences` sentences of the text, in document order,
 * ranked by TextRank over a word-overlap graph (see docs/adr/0004-extractive-summaries.md). Deterministic. Returns [] when
 * the text is too short to need one, or when the summary would be most of the text.
 */
export function summarize(text: string, options: SummaryOptions = {}): string[] {
  const count = Math.max(0, Math.floor(options.sentences ?? SUMMARY_DEFAULTS.sentences));
  const sentences = splitSentences(text);
  const storyWords = countRougeTokens(text);
  if (count === 0 || sentences.length <= count || storyWords < SUMMARY_DEFAULTS.minStoryWords) {
    return [];
  }
  const maxShare = SUMMARY_DEFAULTS.maxShare * storyWords;
  const budget = Math.min(options.maxWords ?? SUMMARY_DEFAULTS.maxWords, maxShare);
  const candidates = toCandidates(sentences);
  const picked = pickWithinBudget(candidates, rankScores(candidates), count, budget);
  const summaryWords = picked.reduce((sum, c) => sum + c.words, 0);
  return summaryWords > maxShare ? [] : picked.map((c) => c.text);
}

function toCandidates(sentences: readonly string[]): Candidate[] {
  return sentences
    .slice(0, SUMMARY_DEFAULTS.maxCandidates)
    .map((text, index) => ({ index, text, words: countRougeTokens(text), terms: terms(text) }))
    .filter(isSummarySentence);
}

/** Similarity terms: lowercase words without function words and one-letter tokens. */
function terms(sentence: string): string[] {
  return words(sentence).filter((w) => w.length > 1 && !FUNCTION_WORDS.has(w));
}

/** A real sentence: long enough, starts like one, ends like one, and is no site furniture. */
export function isSummarySentence(candidate: { text: string; words: number }): boolean {
  const { text } = candidate;
  return (
    candidate.words >= SUMMARY_DEFAULTS.minSentenceWords &&
    /^["“‘'(]?[\p{Lu}\p{N}£$€]/u.test(text) &&
    /[.!?…]["'”’)\]]*$/u.test(text) &&
    !isBoilerplateLine(text)
  );
}

/** TextRank over the candidates' terms (a centroid score and a position prior did not help). */
function rankScores(candidates: readonly Candidate[]): number[] {
  return textRank(candidates.map((c) => c.terms));
}

/**
 * Best-scored first (ties: earlier first), skipping a sentence that would pass the word budget
 * (the best one is always taken); the result is in document order.
 */
function pickWithinBudget(
  candidates: readonly Candidate[],
  scores: readonly number[],
  count: number,
  budget: number,
): Candidate[] {
  const order = candidates
    .map((candidate, i) => ({ candidate, score: scores[i] ?? 0 }))
    .sort((a, b) => b.score - a.score || a.candidate.index - b.candidate.index);
  const picked: Candidate[] = [];
  let used = 0;
  for (const { candidate } of order) {
    if (picked.length === count) break;
    if (picked.length > 0 && used + candidate.words > budget) continue;
    picked.push(candidate);
    used += candidate.words;
  }
  return picked.sort((a, b) => a.index - b.index);
}
