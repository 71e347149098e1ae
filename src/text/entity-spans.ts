import { isStopWord } from './tokenize.ts';

/** A run of capitalised words in the text: one mention of a possible name. */
export interface Span {
  words: string[];
}

interface Token {
  text: string;
  /** The characters between the previous token and this one. */
  gap: string;
  sentenceStart: boolean;
}

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
 * capitals) is skipped.
 */
export function capitalisedSpans(text: string): Span[] {
  const sentences = splitRoughly(text)
    .map(tokens)
    .filter((s) => !isShouted(s));
  const lower = new Set(text.match(/(?<![\p{L}\p{N}])\p{Ll}+/gu) ?? []);
  const midCaps = new Set(
    sentences
      .flatMap((s) => s.filter((t) => !t.sentenceStart && isCapitalised(t.text)))
      .map((t) => bare(t.text)),
  );
  const seen: Seen = { midCaps, lower };
  return sentences.flatMap((sentence) => spansOf(sentence, seen));
}

/** Sentence ends, but not after "Mr.", "Gen." or an initial ("John F. Kennedy"). */
const SENTENCE_END =
  /\n+|(?<!\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Jr|Sr|Prof|No|\p{Lu})\.)(?<=[.!?]["'”’)]?)\s+(?=["'“‘(]?\p{Lu})/u;

function splitRoughly(text: string): string[] {
  return text.split(SENTENCE_END).filter((s) => s.trim() !== '');
}

function tokens(sentence: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  for (const match of sentence.matchAll(TOKEN)) {
    const gap = sentence.slice(last, match.index);
    out.push({ text: match[0], gap, sentenceStart: out.length === 0 });
    last = match.index + match[0].length;
  }
  return out;
}

function isShouted(sentence: readonly Token[]): boolean {
  const letters = sentence.filter((t) => /\p{L}{2}/u.test(t.text));
  const shouted = letters.filter((t) => t.text === t.text.toUpperCase()).length;
  return letters.length >= 4 && shouted * 2 > letters.length;
}

/** The word without a possessive "'s". */
function bare(word: string): string {
  return word.replace(/['’]s$/, '');
}

function isCapitalised(word: string): boolean {
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
      if (/['’]s$/.test(token.text)) flush();
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
  const abbreviated =
    previous !== undefined && /^(?:\p{Lu}|\p{Lu}\p{Ll}{1,3})$/u.test(previous.text);
  if (!(/^[ \t]+$/.test(token.gap) || (abbreviated && /^\.[ \t]+$/.test(token.gap)))) return false;
  if (CONNECTORS.has(token.text))
    return next !== undefined && isCapitalised(next.text) && next.gap === ' ';
  return true;
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
  return /^\p{Lu}$/u.test(word) && next !== undefined && next.gap.startsWith('.');
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
