import { isBoilerplateLine } from './boilerplate.ts';
import { profileFor, type TextProfile } from './language/profile.ts';
import { summaryMeasure, type SummaryMeasure } from './summarize-measure.ts';
import { splitSentences } from './sentences.ts';
import { FUNCTION_WORDS } from './summarize-function-words.ts';
import { leansOnPrevious } from './leaning.ts';
import { pickWithAntecedents } from './summarize-pick.ts';
import { textRank } from './summarize-rank.ts';
import { words } from './tokenize.ts';

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
  /**
   * Take a sentence that leans on the one before it ("He said...", "However, ...") only with
   * that one (English; default false: on the BBC dev file it costs about 0.9 ROUGE-1 against
   * machine-made references, see docs/adr/0026).
   */
  readonly standAlone?: boolean;
  /**
   * The text's language tag (default English). It picks the words the sentences are compared
   * by, and, for a script without spaces (Chinese, Japanese, Thai), budgets in characters.
   */
  readonly language?: string;
}

export const SUMMARY_DEFAULTS = {
  sentences: 3,
  title: '',
  maxWords: 100,
  language: 'en',
  standAlone: false,
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
  /** Its length: words, or characters in a script without spaces (see SummaryMeasure). */
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
  const profile = profileFor(options.language ?? SUMMARY_DEFAULTS.language);
  const measure = summaryMeasure(profile, {
    ...SUMMARY_DEFAULTS,
    maxWords: options.maxWords ?? SUMMARY_DEFAULTS.maxWords,
  });
  const sentences = splitSentences(text);
  const storyWords = measure.lengthOf(text);
  if (count === 0 || sentences.length <= count || storyWords < measure.minStory) {
    return [];
  }
  const maxShare = SUMMARY_DEFAULTS.maxShare * storyWords;
  const budget = Math.min(measure.maxSummary, maxShare);
  const candidates = toCandidates(sentences, profile, measure);
  const standAlone = (options.standAlone ?? SUMMARY_DEFAULTS.standAlone) && profile.english;
  const picked = pickWithinBudget(candidates, rankScores(candidates), count, budget, standAlone);
  const summaryWords = picked.reduce((sum, c) => sum + c.words, 0);
  return summaryWords > maxShare ? [] : picked.map((c) => c.text);
}

function toCandidates(
  sentences: readonly string[],
  profile: TextProfile,
  measure: SummaryMeasure,
): Candidate[] {
  return sentences
    .slice(0, SUMMARY_DEFAULTS.maxCandidates)
    .map((text, index) => ({
      index,
      text,
      words: measure.lengthOf(text),
      terms: sentenceTerms(text, profile),
    }))
    .filter((candidate) => isSummarySentence(candidate, measure.minSentence));
}

/**
 * Similarity terms: lowercase words without function words and one-letter tokens; in another
 * language than English, its content words (stopwords-iso) by their stems.
 */
export function sentenceTerms(sentence: string, profile: TextProfile): string[] {
  if (profile.english) return words(sentence).filter((w) => w.length > 1 && !FUNCTION_WORDS.has(w));
  return profile.words(sentence).filter(profile.isContentWord).map(profile.term);
}

/**
 * A real sentence: long enough, starts like one (a capital, a digit, or a letter of a script
 * without case), ends like one (Western, Chinese and Arabic stops), and is no site furniture.
 */
export function isSummarySentence(
  candidate: { text: string; words: number },
  minLength: number = SUMMARY_DEFAULTS.minSentenceWords,
): boolean {
  const { text } = candidate;
  return (
    candidate.words >= minLength &&
    /^["“‘'(«¿¡「『《]?[\p{Lu}\p{Lo}\p{N}£$€]/u.test(text) &&
    /[.!?…。！？؟]["'”’»)\]」』）]*$/u.test(text) &&
    !isBoilerplateLine(text)
  );
}

/** TextRank over the candidates' terms (a centroid score and a position prior did not help). */
function rankScores(candidates: readonly Candidate[]): number[] {
  return textRank(candidates.map((c) => c.terms));
}

/**
 * Best-scored first (ties: earlier first), skipping a sentence that would pass the word budget
 * (the best one is always taken). With `standAlone`, a sentence that leans on the one before it
 * ("He said...", "However, ...") comes with it, or is skipped, and of such units the one of the
 * best mean score goes first. The result is in document order.
 */
function pickWithinBudget(
  candidates: readonly Candidate[],
  scores: readonly number[],
  count: number,
  budget: number,
  standAlone: boolean,
): Candidate[] {
  const order = candidates
    .map((candidate, i) => ({ candidate, score: scores[i] ?? 0 }))
    .sort((a, b) => b.score - a.score || a.candidate.index - b.candidate.index)
    .map((c) => c.candidate);
  const byIndex = new Map(candidates.map((c) => [c.index, c]));
  const scoreOf = new Map(candidates.map((c, i) => [c, scores[i] ?? 0]));
  const picked = pickWithAntecedents(order, {
    count,
    budget,
    score: (c) => scoreOf.get(c) ?? 0,
    antecedent: (c) =>
      standAlone && c.index > 0 && leansOnPrevious(c.text)
        ? (byIndex.get(c.index - 1) ?? null)
        : undefined,
  });
  return picked.sort((a, b) => a.index - b.index);
}
