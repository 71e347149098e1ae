import { extractEntities } from './entities.ts';
import { profileFor, type TextProfile } from './language/profile.ts';

/** A story's content words, each once, with how often it occurs in the title and in the body. */
export interface TermCounts {
  /** Distinct content words: those of the body first, in order of first occurrence. */
  terms: string[];
  title: ArrayLike<number>;
  body: ArrayLike<number>;
  /** In a stemmed language, the word each term (a stem) was first seen as: what a reader sees. */
  forms?: string[];
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

/**
 * Reads a story's text once, in its language (a tag; English when not given); `entities`
 * when already known (a stored story's).
 */
export function readStory(
  title: string,
  body: string,
  entities?: readonly string[],
  language = 'en',
): StoryText {
  const profile = profileFor(language);
  const titleWords = profile.words(title);
  const bodyWords = profile.words(body);
  return {
    title,
    body,
    words: titleWords.concat(bodyWords),
    counts: countWords(titleWords, bodyWords, profile),
    entities: entities ? [...entities] : extractEntities(title, body, STORY_ENTITIES),
  };
}

/**
 * Content-word counts from the words of a title and of a body (English unless a profile is
 * given): content words by the profile's stop words, counted by their term (stem); in a
 * stemmed language each term keeps the word it was first seen as.
 */
export function countWords(
  titleWords: readonly string[],
  bodyWords: readonly string[],
  profile: TextProfile = profileFor('en'),
): TermCounts {
  const index = new Map<string, number>();
  const counts = { terms: [] as string[], title: [] as number[], body: [] as number[] };
  const forms: string[] | undefined = profile.stems ? [] : undefined;
  const add = (word: string, inTitle: boolean): void => {
    if (!profile.isContentWord(word)) return;
    const term = profile.term(word);
    let i = index.get(term);
    if (i === undefined) {
      i = counts.terms.length;
      index.set(term, i);
      counts.terms.push(term);
      forms?.push(word);
      counts.title.push(0);
      counts.body.push(0);
    }
    if (inTitle) counts.title[i] = (counts.title[i] ?? 0) + 1;
    else counts.body[i] = (counts.body[i] ?? 0) + 1;
  };
  for (const word of bodyWords) add(word, false);
  for (const word of titleWords) add(word, true);
  return forms === undefined ? counts : { ...counts, forms };
}
