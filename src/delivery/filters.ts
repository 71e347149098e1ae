import type { Story } from '../domain/story.ts';
import type { Filters } from '../domain/subscription.ts';
import { words } from '../text/tokenize.ts';

/** What a story offers to filters: its topics, and the word sequences a keyword may match. */
export interface StoryTerms {
  topics: ReadonlySet<string>;
  /** Keywords, entities and the title, each as lowercase word tokens. */
  phrases: readonly (readonly string[])[];
}

export function storyTerms(story: Pick<Story, 'topics' | 'keywords' | 'entities' | 'title'>) {
  const topics = new Set(story.topics.map(normalise));
  const phrases = [...story.keywords, ...story.entities, story.title]
    .map((text) => words(text))
    .filter((tokens) => tokens.length > 0);
  return { topics, phrases } satisfies StoryTerms;
}

/**
 * Case-insensitive. Excludes win; with no include terms every story is taken, otherwise the
 * story must match one include topic or one include keyword.
 */
export function matchesFilters(terms: StoryTerms, filters: Filters): boolean {
  if (filters.excludeTopics.some((t) => hasTopic(terms, t))) return false;
  if (filters.excludeKeywords.some((k) => hasKeyword(terms, k))) return false;
  const includes = filters.includeTopics.length + filters.includeKeywords.length;
  if (includes === 0) return true;
  return (
    filters.includeTopics.some((t) => hasTopic(terms, t)) ||
    filters.includeKeywords.some((k) => hasKeyword(terms, k))
  );
}

function hasTopic(terms: StoryTerms, topic: string): boolean {
  return terms.topics.has(normalise(topic));
}

/** A keyword matches a keyword, an entity or the title when its words appear there in order. */
function hasKeyword(terms: StoryTerms, keyword: string): boolean {
  const needle = words(keyword);
  if (needle.length === 0) return false;
  return terms.phrases.some((phrase) => containsRun(phrase, needle));
}

function containsRun(haystack: readonly string[], needle: readonly string[]): boolean {
  for (let start = 0; start + needle.length <= haystack.length; start += 1) {
    if (needle.every((word, i) => haystack[start + i] === word)) return true;
  }
  return false;
}

function normalise(term: string): string {
  return term.trim().toLowerCase();
}
