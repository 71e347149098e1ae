import { isContentWord as isEnglishContentWord, words as englishWords } from '../tokenize.ts';
import { baseLanguage } from './base-language.ts';
import { HAN_LETTER, NO_SPACE_LETTER } from './scripts.ts';
import { stemmerOf, type Stemmer } from './stemmers.ts';
import { stopWordsOf } from './stop-lists.ts';

/**
 * How the text work reads words in one language: its tokens (scripts without spaces
 * segmented by Intl.Segmenter), its stop words (stopwords-iso) and its stems (a Snowball
 * stemmer, where the language has one). English keeps Herald's original path unchanged.
 */
export interface TextProfile {
  /** The base language ("pt" for "pt-BR"). */
  readonly language: string;
  /** The original English path: no stems, Herald's own stop words. */
  readonly english: boolean;
  /** Lowercase words; in scripts without spaces a run of one-character words is one name. */
  readonly words: (text: string) => string[];
  /** Lowercase words, each segment of a script without spaces apart (what search indexes). */
  readonly segments: (text: string) => string[];
  /** Neither a stop word nor one character long. */
  readonly isContentWord: (word: string) => boolean;
  /** What a word counts as in statistics: its stem, or itself. */
  readonly term: (word: string) => string;
  /** Whether `term` stems (so a term may differ from the words it stands for). */
  readonly stems: boolean;
}

const ENGLISH: TextProfile = {
  language: 'en',
  english: true,
  words: englishWords,
  segments: englishWords,
  isContentWord: isEnglishContentWord,
  term: (word) => word,
  stems: false,
};

const profiles = new Map<string, TextProfile>([['en', ENGLISH]]);

/** The profile of a language tag (any tag: one without lists or stemmer gets segmentation). */
export function profileFor(language: string): TextProfile {
  const base = baseLanguage(language);
  let profile = profiles.get(base);
  if (profile === undefined) {
    profile = createProfile(base);
    profiles.set(base, profile);
  }
  return profile;
}

function createProfile(language: string): TextProfile {
  const stop = stopWordsOf(language);
  const stem: Stemmer | undefined = stemmerOf(language);
  const segmenter = new Intl.Segmenter(language, { granularity: 'word' });
  return {
    language,
    english: false,
    words: (text) => tokens(text, segmenter, stop, true),
    segments: (text) => tokens(text, segmenter, stop, false),
    isContentWord: (word) =>
      word.length > 1 && !stop.has(word) && !GRAMMAR_ONLY[language]?.test(word),
    term: stem === undefined ? (word) => word : (word) => stem(word),
    stems: stem !== undefined,
  };
}

/**
 * Words that, written this way, are grammar rather than content: Japanese writes its particles,
 * auxiliaries and endings in hiragana alone ("した", "について"), its content words mostly not.
 */
const GRAMMAR_ONLY: Readonly<Record<string, RegExp | undefined>> = {
  ja: /^\p{Script=Hiragana}+$/u,
};

/** A letter or digit, then letters, digits and combining marks (Devanagari vowel signs). */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
/** Arabic short-vowel marks and the tatweel: written or not, the word is the same. */
const ARABIC_MARKS = /[\u064B-\u065F]|\u0670|\u0640/g;

function tokens(
  text: string,
  segmenter: Intl.Segmenter,
  stop: ReadonlySet<string>,
  joinLetters: boolean,
): string[] {
  const found = text.normalize('NFC').toLowerCase().replace(ARABIC_MARKS, '').match(WORD) ?? [];
  if (!NO_SPACE_LETTER.test(text)) return found;
  return found.flatMap((token) => {
    if (!NO_SPACE_LETTER.test(token)) return [token];
    const parts = [...segmenter.segment(token)].filter((s) => s.isWordLike).map((s) => s.segment);
    return joinLetters ? joinSingleLetters(parts, stop) : parts;
  });
}

/**
 * Joins runs of one-character Han words that are not stop words: the segmenter's dictionary
 * lacks most foreign names and cuts them into characters ("塔|利|班" is "塔利班", Taliban).
 */
function joinSingleLetters(parts: readonly string[], stop: ReadonlySet<string>): string[] {
  const out: string[] = [];
  let run = '';
  const flush = () => {
    if (run !== '') out.push(run);
    run = '';
  };
  for (const part of parts) {
    if (HAN_LETTER.test(part) && !stop.has(part)) run += part;
    else {
      flush();
      out.push(part);
    }
  }
  flush();
  return out;
}
