import { extractEntities } from './entities.ts';
import { isContentWord, words } from './tokenize.ts';

/** A story's content words, each once, with how often it occurs in the title and in the body. */
export interface TermCounts {
  /** Distinct content words: those of the body first, in order of first occurrence. */
  terms: string[];
  title: number[];
  body: number[];
}

/**
 * What the text engine reads of a story, once: its words (for the fingerprint), its content
 * word counts (keywords, term statistics, related stories) and its names.
 */
export interface StoryText {
  title: string;
  body: string;
  /** Lowercase words of title and body (see `words`). */
  words: string[];
  counts: TermCounts;
  /** Names, best first. */
  entities: string[];
}

/** Names kept when the caller gives none. */
export const STORY_ENTITIES = 20;

/** Reads a story's text once; `entities` when already known (a stored story's). */
export function readStory(title: string, body: string, entities?: readonly string[]): StoryText {
  const titleWords = words(title);
  const bodyWords = words(body);
  return {
    title,
    body,
    words: titleWords.concat(bodyWords),
    counts: countWords(titleWords, bodyWords),
    entities: entities ? [...entities] : extractEntities(title, body, STORY_ENTITIES),
  };
}

/** Content-word counts from the words of a title and of a body. */
export function countWords(
  titleWords: readonly string[],
  bodyWords: readonly string[],
): TermCounts {
  const index = new Map<string, number>();
  const counts: TermCounts = { terms: [], title: [], body: [] };
  const add = (word: string, inTitle: boolean): void => {
    if (!isContentWord(word)) return;
    let i = index.get(word);
    if (i === undefined) {
      i = counts.terms.length;
      index.set(word, i);
      counts.terms.push(word);
      counts.title.push(0);
      counts.body.push(0);
    }
    if (inTitle) counts.title[i] = (counts.title[i] ?? 0) + 1;
    else counts.body[i] = (counts.body[i] ?? 0) + 1;
  };
  for (const word of bodyWords) add(word, false);
  for (const word of titleWords) add(word, true);
  return counts;
}
