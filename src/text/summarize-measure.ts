import { NO_SPACE_LETTER } from './language/scripts.ts';
import type { TextProfile } from './language/profile.ts';
import { countRougeTokens } from './tokenize.ts';

/** How a summary's length is measured and bounded in one language. */
export interface SummaryMeasure {
  /** The length of a text: words, or letters and digits in a script without spaces. */
  lengthOf(text: string): number;
  /** The summary's budget, the shortest story summarised, the shortest sentence taken. */
  maxSummary: number;
  minStory: number;
  minSentence: number;
}

/** Chinese and Japanese average about two characters a word; Thai and its neighbours more. */
export const CHARACTERS_PER_WORD = 2;

/** Languages whose script has no spaces between words: their budgets count characters. */
const BY_CHARACTERS = new Set(['zh', 'ja', 'th', 'lo', 'km', 'my']);

/** The bounds in words. */
export interface WordBounds {
  maxWords: number;
  minStoryWords: number;
  minSentenceWords: number;
}

/**
 * Words for languages written with spaces (the measure the summariser was tuned with, ADR
 * 0004); characters, at CHARACTERS_PER_WORD a word, for those written without.
 */
export function summaryMeasure(profile: TextProfile, bounds: WordBounds): SummaryMeasure {
  const scale = BY_CHARACTERS.has(profile.language) ? CHARACTERS_PER_WORD : 1;
  return {
    lengthOf: scale === 1 ? countRougeTokens : countCharacters,
    maxSummary: bounds.maxWords * scale,
    minStory: bounds.minStoryWords * scale,
    minSentence: bounds.minSentenceWords * scale,
  };
}

/** Letters and digits; a word of a spaced script among them counts as CHARACTERS_PER_WORD. */
function countCharacters(text: string): number {
  let count = 0;
  for (const token of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
    count += NO_SPACE_LETTER.test(token) ? token.length : CHARACTERS_PER_WORD;
  }
  return count;
}
