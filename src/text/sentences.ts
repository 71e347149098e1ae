import { isStopWord } from './tokenize.ts';

/**
 * Sentence splitting for news text. A paragraph break (a blank line) always ends a sentence;
 * inside a paragraph a run of `.`, `!`, `?`, `؟` or `…` (plus closing quotes and brackets) ends
 * one when what follows looks like the start of a sentence (a capital, or a letter of a script
 * without case, such as Arabic); `。`, `！` and `？` always end one. See isBoundary for the rules.
 */
export function splitSentences(text: string): string[] {
  return text.split(/\n[^\S\n]*\n/).flatMap(splitParagraph);
}

/** Titles that are never the end of a sentence: "Mr. Smith", "St. Paul's", "vs. Chelsea". */
const NEVER_FINAL = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'vs',
  'gen',
  'gov',
  'sen',
  'rep',
  'rev',
  'capt',
  'col',
  'lt',
  'sgt',
  'mt',
  'ft',
  'messrs',
  'hon',
  'cf',
  'eg',
  'ie',
  'approx',
  'dept',
  'fig',
]);

/** Abbreviations that may end a sentence: they do when a function word follows ("Inc. The"). */
const MAYBE_FINAL = new Set([
  'etc',
  'inc',
  'ltd',
  'co',
  'corp',
  'plc',
  'jr',
  'sr',
  'bros',
  'am',
  'pm',
  'no',
  'nos',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

// A run of terminal punctuation, then closing quotes/brackets, then the whitespace after it.
// Each alternative starts only where a run starts (the lookbehinds): tried again at every
// character of a long run ("!!!!…a"), the search was quadratic.
const TERMINAL =
  /(?<![.!?…؟])(?:[.!?…؟]+)["'”’»)\]]*(?:\s+|$)|(?<![.!?])[.!?]+["”’)\]]*(?=["“‘(]?\p{Lu})|[。！？]+[”’"'」』）)]*\s*/gu;

/** The full stops of Chinese and Japanese: they end a sentence whatever follows. */
const WIDE_STOP = /^[。！？]/;

function splitParagraph(paragraph: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of paragraph.matchAll(TERMINAL)) {
    const end = match.index + match[0].length;
    if (isBoundary(paragraph, match.index, match[0], end)) {
      pushSentence(sentences, paragraph.slice(start, end));
      start = end;
    }
  }
  pushSentence(sentences, paragraph.slice(start));
  return sentences;
}

function pushSentence(sentences: string[], raw: string): void {
  // As .replace(/\s+/g, ' '): single spaces, nearly all of them, are left as they are, and
  // a sentence with no other whitespace is not rewritten at all.
  const folded = /[^\S ]| {2}/.test(raw) ? raw.replace(/\s{2,}|(?! )\s/g, ' ') : raw;
  const sentence = folded.trim();
  if (/[\p{L}\p{N}]/u.test(sentence)) {
    sentences.push(sentence);
    return;
  }
  const last = sentences.pop();
  if (last !== undefined) sentences.push(last + sentence); // a stray quote or bracket
}

/** How far around a mark the rules look (a word, a few initials). */
const CONTEXT = 40;

function isBoundary(text: string, at: number, mark: string, end: number): boolean {
  const next = text.slice(end, end + CONTEXT);
  if (next.trim() === '' || WIDE_STOP.test(mark)) return true;
  const glued = !/\s$/.test(mark);
  if (!startsSentence(next, glued)) return false;
  if (/^(?:\.\.|…)/.test(mark)) return !glued; // an ellipsis before a capital ends a sentence
  if (!mark.startsWith('.')) return true; // "?" or "!"
  return decideFullStop(text.slice(Math.max(0, at - CONTEXT), at), next, glued);
}

/** Whether `next` (the text after the punctuation) can open a sentence. */
function startsSentence(next: string, glued: boolean): boolean {
  if (glued) return /^["“‘(]?\p{Lu}(?:\p{Ll}|[^\p{L}])/u.test(next);
  return /^(?:["“‘'([«¿¡]?[\p{Lu}\p{Lo}\p{N}£$€]|\p{Ll}+\p{Lu})/u.test(next);
}

/** A single full stop followed by a sentence-like start: is it the end of a sentence? */
function decideFullStop(before: string, next: string, glued: boolean): boolean {
  const word = lastWord(before);
  const key = word.replace(/\./g, '').toLowerCase();
  if (word === '') return !glued;
  if (NEVER_FINAL.has(key)) return false;
  if (MAYBE_FINAL.has(key) || isInitialism(word)) return nextIsFunctionWord(next);
  // Glued ("$10.9bn.For"): split after a word of two or more characters, not "U.S.Army".
  return !glued || (word.split('.').pop() ?? '').length >= 2;
}

/** The letters and inner dots just before the full stop: "U.S", "Rowling", "W", "a.m". */
function lastWord(before: string): string {
  return /[\p{L}\p{N}](?:[\p{L}\p{N}]|\.(?=[\p{L}\p{N}]))*$/u.exec(before)?.[0] ?? '';
}

/** "W" (an initial), "U.S", "a.m", "e.g": a letter, or letters joined by dots. */
function isInitialism(word: string): boolean {
  return /^\p{L}(?:\.\p{L})*$/u.test(word);
}

function nextIsFunctionWord(next: string): boolean {
  const first = /^["“‘(]?(\p{L}+)(?![\p{L}.])/u.exec(next)?.[1];
  return first !== undefined && isStopWord(first);
}
