import { profileFor } from './language/profile.ts';
import { NO_SPACE_LETTER, scriptOf } from './language/scripts.ts';
import { stemmersOfScript } from './language/stemmers.ts';

/**
 * What a story's full-text index holds besides its title and body: its words with scripts
 * without spaces segmented (Chinese, Japanese, Thai: the stores' tokenizers see a clause as
 * one word) and, in a stemmed language, each word's stem after it. Empty for English (the
 * stores stem it themselves) and for a language that needs neither.
 */
export function searchText(title: string, body: string, language: string): string {
  const profile = profileFor(language);
  if (profile.english) return '';
  const text = `${title}\n${body}`;
  if (!profile.stems && !NO_SPACE_LETTER.test(text)) return '';
  const out: string[] = [];
  for (const word of profile.segments(text)) {
    out.push(word);
    const stem = profile.term(word);
    if (stem !== word) out.push(stem);
  }
  return out.join(' ');
}

/** What else a search word may match in the search text. */
export interface SearchForms {
  /** Its segments, in order (a phrase), when its script has no spaces. */
  segments?: string[];
  /** Its stems in the languages of its script that stem, each once, other than itself. */
  stems: string[];
}

/** Segments the words of scripts without spaces (the dictionary is the same in every locale). */
const SEGMENTER = profileFor('zh');

/** The forms of one search word (letters and digits, lowercase) that `searchText` may hold. */
export function searchForms(word: string): SearchForms {
  if (NO_SPACE_LETTER.test(word)) return { segments: SEGMENTER.segments(word), stems: [] };
  const script = scriptOf(word.charAt(0));
  const stems = new Set(stemmersOfScript(script).map((stem) => stem(word)));
  stems.delete(word);
  return { stems: [...stems] };
}
