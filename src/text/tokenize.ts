import { STOP_WORDS } from './stop-words.ts';

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Lowercase word tokens (letters and digits; an inner apostrophe is kept: "don't"). */
export function words(text: string): string[] {
  const found = text.toLowerCase().match(WORD) ?? [];
  return text.includes('’') ? found.map((w) => w.replace(/’/g, "'")) : found;
}

/** Lowercase `[\p{L}\p{N}]+` tokens: the ROUGE tokenisation of the evaluation. */
export function rougeTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Word tokens without stop words and without one-character tokens. */
export function contentWords(text: string): string[] {
  return words(text).filter(isContentWord);
}

/** A word (from `words`) that is neither a stop word nor one character long. */
export function isContentWord(word: string): boolean {
  return word.length > 1 && !STOP_WORDS.has(word);
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word.toLowerCase());
}
