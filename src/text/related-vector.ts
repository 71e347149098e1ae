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
}

/** How a story's text becomes its weighted term vector. */
export interface VectorOptions {
  /** Extra occurrences counted for each title word. */
  titleWeight: number;
  /** Multiplier of words that are part of a name ("reid", "lohan"). */
  entityBoost: number;
  /** Terms kept per story: the heaviest ones (at most 255). */
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
  const counts = text.counts ?? countWords(words(text.title), words(text.body));
  const scored = counts.terms.map((term, i) => {
    const tf = (counts.body[i] ?? 0) + (1 + options.titleWeight) * (counts.title[i] ?? 0);
    const boost = names.has(term) ? options.entityBoost : 1;
    return { term, weight: (1 + Math.log(tf)) * stats.idf(term) * boost };
  });
  scored.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
  const kept = scored.slice(0, options.maxTerms);
  let squared = 0;
  for (const s of kept) squared += s.weight * s.weight;
  const norm = Math.sqrt(squared) || 1;
  return { terms: kept.map((s) => s.term), weights: kept.map((s) => s.weight / norm) };
}
