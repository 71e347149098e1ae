/** Letters of scripts written without spaces between words: Intl.Segmenter finds the words. */
export const NO_SPACE_LETTER =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** One Han character (a word of one character is usually a function word or part of a name). */
export const HAN_LETTER = /^\p{Script=Han}$/u;

export type Script =
  | 'latin'
  | 'cyrillic'
  | 'arabic'
  | 'han'
  | 'kana'
  | 'hangul'
  | 'thai'
  | 'greek'
  | 'hebrew'
  | 'devanagari'
  | 'other';

const SCRIPTS: readonly [Script, RegExp][] = [
  ['latin', /\p{Script=Latin}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['han', /\p{Script=Han}/u],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['hangul', /\p{Script=Hangul}/u],
  ['thai', /\p{Script=Thai}/u],
  ['greek', /\p{Script=Greek}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['devanagari', /\p{Script=Devanagari}/u],
];

/** The script of one letter. */
export function scriptOf(letter: string): Script {
  if (letter < '\u0250') return 'latin'; // ASCII and Latin-1/Extended: the common case first
  for (const [script, test] of SCRIPTS) if (test.test(letter)) return script;
  return 'other';
}

/** How many letters of each script a text has. */
export function countScripts(text: string): Map<Script, number> {
  const counts = new Map<Script, number>();
  let ascii = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) ascii += 1;
    else if (c >= 0xc0) {
      const letter = String.fromCodePoint(text.codePointAt(i) ?? c);
      if (letter.length === 2) i += 1;
      if (!LETTER.test(letter)) continue;
      const script = scriptOf(letter);
      counts.set(script, (counts.get(script) ?? 0) + 1);
    }
  }
  if (ascii > 0) counts.set('latin', (counts.get('latin') ?? 0) + ascii);
  return counts;
}

const LETTER = /^\p{L}$/u;
