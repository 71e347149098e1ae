import anyAscii from 'any-ascii';
import { baseLanguage } from '../language/base-language.ts';
import { profileFor } from '../language/profile.ts';
import { NO_SPACE_LETTER } from '../language/scripts.ts';
import { placesIn } from './places.ts';

/**
 * What a story says that needs no translation, as keys comparable across languages (ADR
 * 0030): countries (`p:` + the ISO code, places.ts), other names (`n:` + a consonant
 * skeleton of their Latin transliteration), numbers (`#` + the value) and web domains (`@`). A date survives as its day
 * and year numbers.
 */
export function anchorsOf(title: string, body: string, language: string): Set<string> {
  const text = `${title}\n${body}`;
  const anchors = new Set<string>();
  for (const n of numbersIn(text)) anchors.add(`#${n}`);
  for (const d of domainsIn(text)) anchors.add(`@${d}`);
  const base = baseLanguage(language);
  const tokens = text.match(TOKEN) ?? [];
  const places = placesIn(text, tokens, base);
  for (const p of places.anchors) anchors.add(p);
  for (const name of namesIn(tokens, base, places.used)) {
    const key = skeleton(name.word, name.vowelless);
    if (key.length >= (name.vowelless ? 3 : 2)) anchors.add(`n:${key}`);
  }
  return anchors;
}

/**
 * A digit run with its group or decimal separators ("1,300", "5.6", "120 000", and "2. 6" as
 * ECB+ spaces it), then an optional unit word ("million", "млн", "万"...).
 */
const NUMBER =
  /(\d+(?:(?:[.,] ?|[\u00a0\u202f ])\d+)*)(?:\s?-?\s?(million|millionen|millions|millones|milliones|миллион\p{L}*|млн|billion|milliarden?|milliards?|миллиард\p{L}*|млрд|万|亿|مليون|مليار))?/giu;

const UNITS: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8 };

function unitValue(unit: string): number {
  const fixed = UNITS[unit];
  if (fixed !== undefined) return fixed;
  return /^(b|milliard|миллиард|млрд|مليار)/u.test(unit) ? 1e9 : 1e6;
}

/** Numbers as values: "1,300" "1.300" "1 300" -> 1300; "5.6" "5,6" -> 5.6; "2 млн" -> 2000000. */
export function numbersIn(text: string): string[] {
  return [...text.matchAll(NUMBER)].map(([, digits = '', unit]) => {
    const value = numberValue(digits.replace(/([.,]) /g, '$1'));
    return unit === undefined
      ? value
      : String(Math.round(Number(value) * unitValue(unit.toLowerCase())));
  });
}

function numberValue(raw: string): string {
  const groups = raw.split(/[.,\u00a0\u202f ]/u);
  const [head = '', ...rest] = groups;
  if (rest.length === 0 || rest.every((g) => g.length === 3)) return trimZeros(groups.join(''));
  if (rest.length === 1) return `${trimZeros(head)}.${rest[0] ?? ''}`;
  return trimZeros(groups.join(''));
}

function trimZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

const DOMAIN = /\b(?:[a-z0-9-]+\.)+(?:com|org|net|gov|edu|info|io|co|uk|de|fr|es|ru|cn|tv)\b/giu;

/** Web domains named in the text, lowercase, without "www.". */
export function domainsIn(text: string): string[] {
  return (text.match(DOMAIN) ?? []).map((d) => d.toLowerCase().replace(/^www\./, ''));
}

interface NameWord {
  word: string;
  /** Transliterated from a script that writes no short vowels (Arabic, Hebrew). */
  vowelless: boolean;
}

/** A run of Latin letters, or a run of letters of other scripts ("SAP竞技场" is two). */
const TOKEN =
  /\p{Script=Latin}(?:\p{Script=Latin}|\p{M})*|[^\P{L}\p{Script=Latin}](?:[^\P{L}\p{Script=Latin}]|\p{M})*/gu;
const CASED = /^\p{Lu}/u;
const VOWELLESS_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/**
 * The words that may be names: in scripts with case, capitalised words that are not stop
 * words; in alphabets without case (Arabic, Hebrew), every content word. Han, kana and the
 * other scripts without spaces give none: their renderings of foreign names (塔拉·里德 for
 * Tara Reid, TaLa LiDe in pinyin) share no skeleton with the original, and their pinyin only
 * made chance matches; their Latin words, numbers and domains still count. A Cyrillic name
 * loses a case ending that leaves a consonant ("Томпсоном" is "Томпсон").
 */
function namesIn(
  tokens: readonly string[],
  language: string,
  skip: ReadonlySet<number>,
): NameWord[] {
  const profile = profileFor(language);
  const out: NameWord[] = [];
  for (const [i, token] of tokens.entries()) {
    if (skip.has(i)) continue;
    const lower = token.toLowerCase();
    if (lower !== token.toUpperCase()) {
      if (!CASED.test(token) || !profile.isContentWord(lower)) continue;
      const word = CYRILLIC.test(token) ? withoutCaseEnding(token) : token;
      out.push({ word, vowelless: false });
      continue;
    }
    if (NO_SPACE_LETTER.test(token)) continue;
    if (profile.isContentWord(lower))
      out.push({ word: lower, vowelless: VOWELLESS_SCRIPT.test(token) });
  }
  return out;
}

/** Russian case endings that leave a consonant ("Томпсоном"); vowel endings drop anyway. */
const CASE_ENDING = /(?:ом|ем|ым|им|ого|его|ому|ему|ой|ей)$/u;

function withoutCaseEnding(word: string): string {
  return word.length > 5 ? word.replace(CASE_ENDING, '') : word;
}

/** Spellings of one sound across transliterations, applied in order. */
const SOUNDS: readonly [RegExp, string][] = [
  [/t?sch|tch|tsh/g, 'C'],
  [/chr/g, 'kr'],
  [/ch/g, 'C'],
  [/[sz]h/g, 's'],
  [/kh/g, 'h'],
  [/ck/g, 'k'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/gh/g, 'g'],
  [/c(?=[eiy])/g, 's'],
  [/[cq]/g, 'k'],
  [/x/g, 'ks'],
  [/z/g, 's'],
  [/w$/g, ''],
  [/w/g, 'v'],
  [/j/g, 'y'],
  [/h/g, 'g'],
];

/**
 * A name's consonant skeleton in Latin letters: transliterated (any-ascii), spellings of one
 * sound made one ("kh" "h" "g"; "tsch" "ch"), vowels dropped, doubled letters made one. So
 * "Hastings" and "Гастингс", "Lohan" and "Лохан", "Reid" and "ريد" have one skeleton. In a
 * script without short vowels "w" and "y" are vowels too.
 */
export function skeleton(word: string, vowelless = false): string {
  let s = anyAscii(word)
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  if (vowelless) s = s.replace(/[wy]/g, 'a');
  for (const [from, to] of SOUNDS) s = s.replace(from, to);
  return s.replace(/[aeiouy]/g, '').replace(/(.)\1+/g, '$1');
}
