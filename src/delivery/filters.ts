import type { Story } from '../domain/story.ts';
import type { Filters } from '../domain/subscription.ts';
import { words } from '../text/tokenize.ts';

/** A keyword term `source:<name>` picks (or, excluded, mutes) an outlet instead of words. */
export const SOURCE_PREFIX = 'source:';

/** What a story offers to filters: its topics, source, and the word sequences a keyword may match. */
export interface StoryTerms {
  topics: ReadonlySet<string>;
  /** The outlet's name, lowercase ('' when not known). */
  source: string;
  /** Keywords, entities (names), the title and the summary sentences, as lowercase words. */
  phrases: readonly (readonly string[])[];
}

type FilterableStory = Pick<Story, 'topics' | 'keywords' | 'entities' | 'title'> &
  Partial<Pick<Story, 'summary' | 'source'>>;

export function storyTerms(story: FilterableStory) {
  const topics = new Set(story.topics.map(normalise));
  const phrases = [...story.keywords, ...story.entities, story.title, ...(story.summary ?? [])]
    .map((text) => words(text))
    .filter((tokens) => tokens.length > 0);
  return { topics, source: normalise(story.source ?? ''), phrases } satisfies StoryTerms;
}

/**
 * Case-insensitive. Excludes win; with no include terms every story is taken, otherwise the
 * story must match one include topic or one include keyword. Keywords are matched as whole
 * words in order (never as patterns: no user text becomes a regular expression).
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

/**
 * A keyword matches a keyword, a name, the title or a summary sentence when its words appear
 * there in order; `source:<name>` matches the story's source by its whole name.
 */
function hasKeyword(terms: StoryTerms, keyword: string): boolean {
  if (keyword.toLowerCase().startsWith(SOURCE_PREFIX)) {
    const source = normalise(keyword.slice(SOURCE_PREFIX.length));
    return source !== '' && terms.source === source;
  }
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
