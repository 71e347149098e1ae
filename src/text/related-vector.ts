import { extractEntities } from './entities.ts';
import type { TermStats } from './keywords.ts';
import { countWords, type TermCounts } from './story-text.ts';
import { contentWords, words } from './tokenize.ts';

/** What the related index knows of a story's text. */
export interface RelatedText {
  title: string;
  body: string;
  /** Capitalised names, best first; extracted from the text when absent. */
  entities?: readonly string[];
  /** Its content-word counts (see `readStory`), when already read; else counted here. */
  counts?: TermCounts;
  /** `TermStats.termId` of each of `counts.terms`, when already looked up. */
  termIds?: readonly number[];
}

/** How a story's text becomes its weighted term vector. */
export interface VectorOptions {
  /** Extra occurrences counted for each title word. */
  titleWeight: number;
  /** Multiplier of words that are part of a name ("reid", "lohan"). */
  entityBoost: number;
  /** Multiplier of numbers ("2008", "7"): like names, they tell one event from its kind. */
  numberBoost: number;
  /** Terms kept per story: the heaviest ones (at most 255). */
  maxTerms: number;
  /** Saturation of term frequency: `(1 + ln tf) ^ tfPower` (1: plain sublinear tf). */
  tfPower: number;
}

export const DEFAULT_VECTOR_OPTIONS = {
  titleWeight: 1,
  entityBoost: 1.3,
  numberBoost: 1.5,
  maxTerms: 96,
  tfPower: 0.7,
} as const satisfies Required<VectorOptions>;

export interface TermVector {
  terms: string[];
  /** Unit length over the kept terms, heaviest first. */
  weights: number[];
}

/** The words of the story's names, lowercase. */
export function nameWords(text: RelatedText): Set<string> {
  const names = text.entities ?? extractEntities(text.title, text.body, 20);
  return new Set(names.flatMap((name) => contentWords(name)));
}

/**
 * TF-IDF vector of a story: term frequency, saturated (`(1 + ln tf) ^ tfPower`), times idf,
 * name words boosted, cut to the `maxTerms` heaviest terms and scaled to unit length.
 */
export function termVector(
  text: RelatedText,
  stats: TermStats,
  options: VectorOptions,
): TermVector {
  const { ids, weights } = weightedTerms(text, stats, options);
  return { terms: ids.map((id) => stats.term(id) ?? ''), weights };
}

/** The same with term numbers (`TermStats.termId`) for terms. */
export function weightedTerms(
  text: RelatedText,
  stats: TermStats,
  options: VectorOptions,
): { ids: number[]; weights: number[] } {
  const names = nameWords(text);
  const counts = text.counts ?? countWords(words(text.title), words(text.body));
  const given = counts === text.counts ? text.termIds : undefined;
  const { terms } = counts;
  const ids = new Int32Array(terms.length);
  const weights = new Float64Array(terms.length);
  for (let i = 0; i < terms.length; i += 1) {
    const term = terms[i] as string;
    const tf = (counts.body[i] ?? 0) + (1 + options.titleWeight) * (counts.title[i] ?? 0);
    const boost = names.has(term) ? options.entityBoost : isNumber(term) ? options.numberBoost : 1;
    const id = given?.[i] ?? stats.termId(term);
    ids[i] = id;
    weights[i] = saturated(tf, options.tfPower) * stats.idfOf(id) * boost;
  }
  const kept = heaviest(weights, terms, options.maxTerms);
  let squared = 0;
  for (const i of kept) squared += (weights[i] as number) ** 2;
  const norm = Math.sqrt(squared) || 1;
  return {
    ids: kept.map((i) => ids[i] as number),
    weights: kept.map((i) => (weights[i] as number) / norm),
  };
}

/**
 * The indexes of the `k` heaviest, heaviest first, equal weights in term order: the first
 * `k` of all sorted that way. Only those at or above the k-th weight (found by a plain
 * numeric sort) are sorted by the comparison.
 */
function heaviest(weights: Float64Array, terms: readonly string[], k: number): number[] {
  let floor = Number.NEGATIVE_INFINITY;
  if (weights.length > k && k > 0) floor = weights.slice().sort()[weights.length - k] as number;
  const candidates: number[] = [];
  for (let i = 0; i < weights.length; i += 1)
    if ((weights[i] as number) >= floor) candidates.push(i);
  candidates.sort(
    (a, b) =>
      (weights[b] as number) - (weights[a] as number) ||
      ((terms[a] as string) < (terms[b] as string) ? -1 : 1),
  );
  return candidates.slice(0, Math.max(0, k));
}

/** `(1 + ln tf) ^ power`, kept per whole tf below 256 for the last power asked. */
function saturated(tf: number, power: number): number {
  if (power !== savedPower) {
    savedPower = power;
    saved.fill(Number.NaN);
  }
  const whole = tf >= 0 && tf < 256 && Number.isInteger(tf);
  if (!whole) return (1 + Math.log(tf)) ** power;
  let value = saved[tf] as number;
  if (Number.isNaN(value)) {
    value = (1 + Math.log(tf)) ** power;
    saved[tf] = value;
  }
  return value;
}

let savedPower = Number.NaN;
const saved = new Float64Array(256).fill(Number.NaN);

function isNumber(term: string): boolean {
  for (let i = 0; i < term.length; i += 1) {
    const c = term.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return term.length > 0;
}
