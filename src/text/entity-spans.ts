import { isStopWord } from './tokenize.ts';

/** A run of capitalised words in the text: one mention of a possible name. */
export interface Span {
  words: string[];
}

interface Token {
  text: string;
  /** What separates it from the previous token (see `gapKind`). */
  gap: number;
  sentenceStart: boolean;
}

/** Gaps: exactly one space; spaces or tabs; a full stop then spaces or tabs; a full stop; other. */
const ONE_SPACE = 0;
const SPACES = 1;
const DOT_SPACES = 2;
const DOT = 3;
const OTHER = 4;

const TOKEN = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*(?:['’]s)?/gu;
/** Lowercase words that may sit inside a name: "Bank of England", "Osama bin Laden". */
const CONNECTORS = new Set([
  'of',
  'de',
  'del',
  'da',
  'van',
  'von',
  'der',
  'bin',
  'al',
  'la',
  'le',
  'du',
]);
/** Capitalised, but never a name. */
const CALENDAR = new Set(
  (
    'monday tuesday wednesday thursday friday saturday sunday january february march april may ' +
    'june july august september october november december jan feb mar apr jun jul aug sep sept ' +
    'oct nov dec today yesterday tomorrow'
  ).split(' '),
);
/** Titles and roles before a name: "Foreign Minister Amir Khan Muttaqi" -> "Amir Khan Muttaqi". */
const ROLES = new Set(
  (
    'ambassador president minister secretary senator sen rep governor gov mayor king queen ' +
    'prince princess chancellor judge justice gen captain capt chief director ceo chairman ' +
    'chairwoman spokesman spokeswoman spokesperson dr mr mrs ms sir lord lady pope bishop ' +
    'coach manager officer sheriff detective sgt sergeant lieutenant lt colonel col deputy ' +
    'commissioner attorney prosecutor premier envoy leader actor actress singer'
  ).split(' '),
);

/**
 * Runs of capitalised words that read as names. Sentence-initial words are only kept when
 * they are capitalised elsewhere mid-sentence too ("The", "Calling" are dropped), a run that
 * is a whole line on its own ("Top News") is taken for a heading, and shouted text (mostly
 * capitals) is skipped. One pass of one regular expression over the text.
 */
export function capitalisedSpans(text: string): Span[] {
  const lower = new Set<string>();
  const sentences = sentencesOf(text, lower).filter((s) => !isShouted(s));
  const midCaps = new Set<string>();
  for (const sentence of sentences) {
    for (const t of sentence)
      if (!t.sentenceStart && isCapitalised(t.text)) midCaps.add(bare(t.text));
  }
  const seen: Seen = { midCaps, lower };
  return sentences.flatMap((sentence) => spansOf(sentence, seen));
}

/**
 * The tokens of the text, cut into sentences: at a line break, and after ".", "!" or "?" (and
 * a closing quote) followed by a space and a capital, but not after "Mr.", "Gen." or an
 * initial ("John F. Kennedy"). Collects the lowercase words of the text into `lower`.
 */
function sentencesOf(text: string, lower: Set<string>): Token[][] {
  const sentences: Token[][] = [];
  let sentence: Token[] = [];
  let last = 0;
  let previous = '';
  for (const match of text.matchAll(TOKEN)) {
    const word = match[0];
    const from = match.index;
    if (sentence.length > 0 && endsSentence(text, last, from, previous, word)) {
      sentences.push(sentence);
      sentence = [];
    }
    sentence.push({
      text: word,
      gap: gapKind(text, last, from),
      sentenceStart: sentence.length === 0,
    });
    addLowercase(word, lower);
    last = from + word.length;
    previous = word;
  }
  if (sentence.length > 0) sentences.push(sentence);
  return sentences;
}

const SENTENCE_GAP = /[.!?]["'”’)]?\s+["'“‘(]?$/;
const ABBREVIATION =
  /(?:^|[^\p{L}\p{N}])(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Jr|Sr|Prof|No|\p{Lu})$/u;

function endsSentence(
  text: string,
  from: number,
  to: number,
  before: string,
  word: string,
): boolean {
  if (to - from === 1 && text.charCodeAt(from) === 32) return false;
  const gap = text.slice(from, to);
  if (gap.includes('\n')) return true;
  if (!SENTENCE_GAP.test(gap) || !isCapitalised(word)) return false;
  return !(/^\.\s/.test(gap) && ABBREVIATION.test(before));
}

function gapKind(text: string, from: number, to: number): number {
  if (to - from === 1 && text.charCodeAt(from) === 32) return ONE_SPACE;
  if (to === from) return OTHER;
  const dot = text.charCodeAt(from) === 46;
  for (let i = dot ? from + 1 : from; i < to; i += 1) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return dot ? DOT : OTHER;
  }
  if (dot) return to - from > 1 ? DOT_SPACES : DOT;
  return SPACES;
}

/** The lowercase runs that start a part of the word ("well-known": "well", "known"). */
function addLowercase(word: string, lower: Set<string>): void {
  let at = 0;
  while (at < word.length) {
    let end = at;
    while (end < word.length && isLowerAt(word, end)) end += 1;
    if (end > at) lower.add(word.slice(at, end));
    while (end < word.length && isWordCharAt(word, end)) end += 1;
    at = end + 1;
  }
}

function isLowerAt(word: string, i: number): boolean {
  const c = word.charCodeAt(i);
  if (c < 128) return c >= 97 && c <= 122;
  return /\p{Ll}/u.test(word.charAt(i));
}

function isWordCharAt(word: string, i: number): boolean {
  const c = word.charCodeAt(i);
  return c !== 39 && c !== 46 && c !== 45 && c !== 0x2019;
}

function isShouted(sentence: readonly Token[]): boolean {
  let letters = 0;
  let shouted = 0;
  for (const t of sentence) {
    const kind = letterKind(t.text);
    if (kind === NO_PAIR) continue;
    letters += 1;
    if (kind === UPPER) shouted += 1;
  }
  return letters >= 4 && shouted * 2 > letters;
}

const NO_PAIR = 0;
const UPPER = 1;
const MIXED = 2;

/** Whether a word has two letters in a row, and then whether it has no lowercase letter. */
function letterKind(word: string): number {
  let run = 0;
  let pair = false;
  let lowercase = false;
  for (let i = 0; i < word.length; i += 1) {
    const c = word.charCodeAt(i);
    if (c >= 128) return slowLetterKind(word);
    const isLower = c >= 97 && c <= 122;
    run = isLower || (c >= 65 && c <= 90) ? run + 1 : 0;
    if (run >= 2) pair = true;
    if (isLower) lowercase = true;
  }
  if (!pair) return NO_PAIR;
  return lowercase ? MIXED : UPPER;
}

function slowLetterKind(word: string): number {
  if (!/\p{L}{2}/u.test(word)) return NO_PAIR;
  return word === word.toUpperCase() ? UPPER : MIXED;
}

/** The word without a possessive "'s". */
function bare(word: string): string {
  const n = word.length;
  if (n < 2 || word.charCodeAt(n - 1) !== 115) return word;
  const c = word.charCodeAt(n - 2);
  return c === 39 || c === 0x2019 ? word.slice(0, n - 2) : word;
}

function isCapitalised(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return /^\p{Lu}/u.test(word);
}

/** What the whole text tells about a word: capitalised mid-sentence, or seen in lowercase. */
interface Seen {
  midCaps: ReadonlySet<string>;
  lower: ReadonlySet<string>;
}

function spansOf(sentence: readonly Token[], seen: Seen): Span[] {
  const spans: Span[] = [];
  let run: Token[] = [];
  const flush = (): void => {
    const span = cleanRun(run, seen, run.length === sentence.length);
    if (span) spans.push(span);
    run = [];
  };
  sentence.forEach((token, i) => {
    if (run.length > 0 && !joins(token, sentence[i + 1], sentence[i - 1])) flush();
    if (isCapitalised(token.text) || (run.length > 0 && CONNECTORS.has(token.text))) {
      run.push(token);
      if (bare(token.text) !== token.text) flush();
    } else if (run.length > 0) flush();
  });
  flush();
  return spans;
}

/**
 * A token continues a run when only spaces separate it (or the full stop of "Gen." or of an
 * initial); a connector needs a name right after it.
 */
function joins(token: Token, next: Token | undefined, previous: Token | undefined): boolean {
  const spaced = token.gap === ONE_SPACE || token.gap === SPACES;
  if (!spaced && !(token.gap === DOT_SPACES && isAbbreviated(previous))) return false;
  if (CONNECTORS.has(token.text))
    return next !== undefined && isCapitalised(next.text) && next.gap === ONE_SPACE;
  return true;
}

function isAbbreviated(token: Token | undefined): boolean {
  return token !== undefined && /^(?:\p{Lu}|\p{Lu}\p{Ll}{1,3})$/u.test(token.text);
}

/** "The", "In", "of" before a name; "New" stays ("New Zealand"). */
function isLeadingFiller(word: string): boolean {
  return CONNECTORS.has(word) || (isStopWord(word) && word !== 'New');
}

/**
 * The name in a run. A sentence-initial word goes when it stands alone and is never
 * capitalised mid-sentence ("Calling"), or when it is an ordinary word seen in lowercase too.
 * Titles and fillers go; an initial keeps its full stop ("Jane Q. Public").
 */
function cleanRun(run: Token[], seen: Seen, wholeSentence: boolean): Span | undefined {
  if (run.length === 0 || wholeSentence) return undefined;
  let words = run.map((t, i) => bare(t.text) + (isInitial(t.text, run[i + 1]) ? '.' : ''));
  const first = words[0] ?? '';
  const alone = run.length === 1 && !seen.midCaps.has(first);
  const ordinary = !seen.midCaps.has(first) && seen.lower.has(first.toLowerCase());
  if (run[0]?.sentenceStart && (alone || ordinary)) words = words.slice(1);
  const lastRole = words.findLastIndex((w) => ROLES.has(w.toLowerCase()));
  if (lastRole >= 0 && lastRole < words.length - 1) words = words.slice(lastRole + 1);
  words = trimFillers(words);
  if (words.length === 1 && CALENDAR.has(words[0]?.toLowerCase() ?? '')) return undefined;
  return words.length > 0 && words.some((w) => /\p{L}/u.test(w)) ? { words } : undefined;
}

function isInitial(word: string, next: Token | undefined): boolean {
  return (
    next !== undefined && (next.gap === DOT || next.gap === DOT_SPACES) && /^\p{Lu}$/u.test(word)
  );
}

function trimFillers(words: string[]): string[] {
  let start = 0;
  let end = words.length;
  while (start < end && isLeadingFiller(words[start] ?? '')) start += 1;
  while (
    end > start &&
    (CONNECTORS.has(words[end - 1] ?? '') || isStopWord(words[end - 1] ?? ''))
  ) {
    end -= 1;
  }
  return words.slice(start, end);
}
