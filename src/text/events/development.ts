import { extractEntities } from '../entities.ts';
import { splitSentences } from '../sentences.ts';
import { contentWords } from '../tokenize.ts';

/** One report as the development detector reads it. */
export interface DevelopmentInput {
  title: string;
  text: string;
}

/** What a later report of an event adds to the earlier ones. */
export interface Development {
  /** The weighted share of the later report's content words that no earlier report holds. */
  score: number;
  /** `score` at or above the threshold, and something new to show. */
  isDevelopment: boolean;
  /** One line (at most DEVELOPMENT_LINE_CHARS) saying what it added. */
  line: string;
  /** Its names that the earlier reports do not hold, best first. */
  newNames: string[];
  /** Its numbers ("33", "1,200") that no earlier report holds, in text order. */
  newNumbers: string[];
  /** Its sentences that are mostly new, in text order. */
  newSentences: string[];
}

export interface DevelopmentOptions {
  /** Score at or above which the report is a development (see docs/adr/0026). */
  threshold?: number;
}

/**
 * Measured on the ECB+ dev file (`herald eval developments`): later reports of an event score
 * well above near-copies of its first report (a copy with another headline and a sentence
 * dropped); see docs/adr/0026-event-summary-and-developments.md.
 */
export const DEVELOPMENT_THRESHOLD = 0.25;
/** The longest `line`. */
export const DEVELOPMENT_LINE_CHARS = 200;
/** A sentence is new when at least this share of its content words is. */
const SENTENCE_NOVELTY = 0.5;
/** ...and it has at least this many content words (a fragment says nothing). */
const SENTENCE_MIN_WORDS = 4;
/** A name's and a number's words count this many times in the score. */
const FACT_WEIGHT = 2;

/** Names looked at in the later report. */
const NAMES = 10;

const NUMBER = /\d+(?:[.,]\d+)*/g;

/**
 * What `later` adds to `earlier` (the reports already known or sent): its names, numbers and
 * sentences that none of them holds. The score is the share of its distinct content words
 * (names and numbers counted double) that are new; near-copies score near 0.
 */
export function developmentOf(
  earlier: readonly DevelopmentInput[],
  later: DevelopmentInput,
  options: DevelopmentOptions = {},
): Development {
  const threshold = options.threshold ?? DEVELOPMENT_THRESHOLD;
  const known = new Set<string>();
  const knownNumbers = new Set<string>();
  for (const report of earlier) {
    for (const w of contentWords(`${report.title}\n${report.text}`)) known.add(w);
    for (const n of numbersIn(`${report.title}\n${report.text}`)) knownNumbers.add(normalNumber(n));
  }
  const full = `${later.title}\n${later.text}`;
  const newNames = extractEntities(later.title, later.text, NAMES).filter((name) =>
    isNewName(name, known),
  );
  const newNumbers = unique(numbersIn(full)).filter((n) => !knownNumbers.has(normalNumber(n)));
  const newSentences = splitSentences(later.text).filter((s) => isNewSentence(s, known));
  const score = novelty(full, known, newNames, newNumbers);
  const something = newSentences.length + newNames.length + newNumbers.length > 0;
  return {
    score,
    isDevelopment: something && score >= threshold,
    line: lineOf(newSentences, known, newNames, newNumbers),
    newNames,
    newNumbers,
    newSentences,
  };
}

function numbersIn(text: string): string[] {
  return text.match(NUMBER) ?? [];
}

/** "1,200" and "1200" are one number; "3.5" stays as it is. */
function normalNumber(n: string): string {
  return n.replace(/,(?=\d{3}\b)/g, '');
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** A name at least half of whose content words no earlier report holds. */
function isNewName(name: string, known: ReadonlySet<string>): boolean {
  const nameWords = contentWords(name);
  const unseen = nameWords.filter((w) => !known.has(w)).length;
  return nameWords.length > 0 && unseen * 2 >= nameWords.length;
}

function isNewSentence(sentence: string, known: ReadonlySet<string>): boolean {
  const distinct = unique(contentWords(sentence));
  if (distinct.length < SENTENCE_MIN_WORDS) return false;
  return distinct.filter((w) => !known.has(w)).length >= SENTENCE_NOVELTY * distinct.length;
}

/** The weighted share of the text's distinct content words that are not known. */
function novelty(
  text: string,
  known: ReadonlySet<string>,
  newNames: readonly string[],
  newNumbers: readonly string[],
): number {
  const facts = new Set([
    ...newNames.flatMap((name) => contentWords(name)),
    ...newNumbers.map(normalNumber),
  ]);
  let all = 0;
  let fresh = 0;
  for (const w of unique(contentWords(text))) {
    const weight = facts.has(w) ? FACT_WEIGHT : 1;
    all += weight;
    if (!known.has(w)) fresh += weight;
  }
  return all > 0 ? fresh / all : 0;
}

/** Its best new sentence (the most new words, the earliest of equals), else its new facts. */
function lineOf(
  sentences: readonly string[],
  known: ReadonlySet<string>,
  names: readonly string[],
  numbers: readonly string[],
): string {
  let best: { text: string; fresh: number } | undefined;
  for (const text of sentences) {
    const fresh = unique(contentWords(text)).filter((w) => !known.has(w)).length;
    if (best === undefined || fresh > best.fresh) best = { text, fresh };
  }
  if (best !== undefined) return clipLine(best.text);
  const facts = [
    names.length > 0 ? `new names: ${names.join(', ')}` : '',
    numbers.length > 0 ? `new figures: ${numbers.join(', ')}` : '',
  ].filter((part) => part !== '');
  return clipLine(facts.length > 0 ? capitalise(facts.join('; ')) : 'Nothing new.');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One line of at most DEVELOPMENT_LINE_CHARS, cut at a word with an ellipsis. */
export function clipLine(text: string, max = DEVELOPMENT_LINE_CHARS): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}
