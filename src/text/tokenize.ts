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

/** `rougeTokens(text).length`, without building the list (ASCII text is counted directly). */
export function countRougeTokens(text: string): number {
  if (!ASCII_ONLY.test(text)) return rougeTokens(text).length;
  let count = 0;
  let inToken = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    const alnum = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    if (alnum && !inToken) count += 1;
    inToken = alnum;
  }
  return count;
}

const ASCII_ONLY = /^[^\u0080-\uffff]*$/;

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
