import { extractEntities } from './entities.ts';
import type { TermStats } from './keywords.ts';
import { contentWords } from './tokenize.ts';

/** What the related index knows of a story's text. */
export interface RelatedText {
  title: string;
  body: string;
  /** Capitalised names, best first; extracted from the text when absent. */
  entities?: readonly string[];
}

/** How a story's text becomes its weighted term vector. */
export interface VectorOptions {
  /** Extra occurrences counted for each title word. */
  titleWeight: number;
  /** Multiplier of words that are part of a name ("reid", "lohan"). */
  entityBoost: number;
  /** Terms kept per story: the heaviest ones. */
  maxTerms: number;
}

export const DEFAULT_VECTOR_OPTIONS = {
  titleWeight: 1,
  entityBoost: 1.3,
  maxTerms: 96,
} as const satisfies Required<VectorOptions>;

export interface TermVector {
  terms: string[];
  /** Unit length over the kept terms, heaviest first. */
  weights: number[];
}

/** The terms of a story with their raw counts (title words counted extra). */
export function countTerms(text: RelatedText, options: VectorOptions): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (term: string, n: number): void => {
    counts.set(term, (counts.get(term) ?? 0) + n);
  };
  for (const term of contentWords(text.body)) add(term, 1);
  for (const term of contentWords(text.title)) add(term, 1 + options.titleWeight);
  return counts;
}

/** The words of the story's names, lowercase. */
export function nameWords(text: RelatedText): Set<string> {
  const names = text.entities ?? extractEntities(text.title, text.body, 20);
  return new Set(names.flatMap((name) => contentWords(name)));
}

/**
 * TF-IDF vector of a story: sublinear term frequency times idf, name words boosted, cut to the
 * `maxTerms` heaviest terms and scaled to unit length.
 */
export function termVector(
  text: RelatedText,
  stats: TermStats,
  options: VectorOptions,
): TermVector {
  const names = nameWords(text);
  const scored = [...countTerms(text, options)].map(([term, tf]) => {
    const boost = names.has(term) ? options.entityBoost : 1;
    return { term, weight: (1 + Math.log(tf)) * stats.idf(term) * boost };
  });
  scored.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
  const kept = scored.slice(0, options.maxTerms);
  const norm = Math.hypot(...kept.map((s) => s.weight)) || 1;
  return { terms: kept.map((s) => s.term), weights: kept.map((s) => s.weight / norm) };
}
