import { isNearDuplicate } from '../fingerprint.ts';
import type { StoryFeatures } from './features.ts';
import type { EventProfile } from './profile.ts';

/** Inverse document frequency of a term, from whatever corpus the caller keeps. */
export interface Idf {
  idf(term: string): number;
}

/** How a story is compared with an event. */
export interface EventSimilarityOptions {
  /** Multiplier of name words in the term vectors. */
  nameBoost: number;
  /** Multiplier of numbers in the term vectors. */
  numberBoost: number;
  /** Share of the score that depends on the names agreeing both ways (0..1). */
  keyNameWeight: number;
  /** Share of an event's reports that must name a name word for it to be one of its key names. */
  keyNameShare: number;
  /**
   * Share of an event's reports that must hold a story's leading name word for the event to
   * hold it (0: one mention is enough).
   */
  nameHoldShare: number;
  /** Multiplier of the score when the story's years and the event's have none in common. */
  yearConflict: number;
  /**
   * Multiplier of the score when the story states its own year (a dateline) and fewer than
   * `statedYearShare` of the event's reports mention that year (1: off).
   */
  statedYearConflict: number;
  /** Share of an event's reports that must mention a story's stated year for it to agree. */
  statedYearShare: number;
  /**
   * Share of an event's reports that must state a year as their own (a dateline) for the event
   * to be dated in it; see `datedYears`.
   */
  datedShare: number;
  /** The fewest reports that must state the year, whatever the share. */
  datedReports: number;
  /** Days apart at which the score keeps 1/e of its date-dependent part. */
  timeScaleDays: number;
  /** Share of the score that depends on the dates, when both are known (0..1). */
  timeWeight: number;
}

export const DEFAULT_SIMILARITY_OPTIONS = {
  nameBoost: 2,
  numberBoost: 2,
  keyNameWeight: 0.6,
  yearConflict: 0.7,
  statedYearConflict: 0.5,
  statedYearShare: 0.34,
  datedShare: 0.5,
  datedReports: 2,
  keyNameShare: 0.5,
  nameHoldShare: 0.34,
  timeScaleDays: 3,
  timeWeight: 0.5,
} as const satisfies Required<EventSimilarityOptions>;

/** The vectors built under an Idf given by `planScope`, by the story or profile they are of. */
const SCOPES = new WeakMap<Idf, WeakMap<object, Map<string, number>>>();

/**
 * An Idf for one plan: the idf and the options do not change within it, so each story's and
 * event's vector is built once however often the plan compares them (a plan compares each
 * candidate three or four times). Never keep it past the plan: the corpus grows.
 */
export function planScope(idf: Idf): Idf {
  const scoped: Idf = { idf: (term) => idf.idf(term) };
  SCOPES.set(scoped, new WeakMap());
  return scoped;
}

function scoped(of: object, idf: Idf, build: () => Map<string, number>): Map<string, number> {
  const cache = SCOPES.get(idf);
  const known = cache?.get(of);
  if (known !== undefined) return known;
  const vector = build();
  cache?.set(of, vector);
  return vector;
}

/** A story's TF-IDF vector, name words and numbers boosted, unit length. */
export function storyVector(
  story: StoryFeatures,
  idf: Idf,
  options: EventSimilarityOptions,
): Map<string, number> {
  return scoped(story, idf, () => weighed(story.terms, story.names, story.numbers, idf, options));
}

/** An event's centroid vector (its summed term frequencies), weighted like a story's. */
export function eventVector(
  event: EventProfile,
  idf: Idf,
  options: EventSimilarityOptions,
): Map<string, number> {
  return scoped(event, idf, () => weighed(event.terms, event.names, event.numbers, idf, options));
}

/**
 * A new event's vector is its report's when `newProfile` kept all its terms (in their order,
 * with its names and numbers): in a plan it is not built a second time.
 */
export function sameVector(event: EventProfile, story: StoryFeatures, idf: Idf): void {
  const vector = SCOPES.get(idf)?.get(story);
  if (vector !== undefined && event.terms.size === story.terms.size)
    SCOPES.get(idf)?.set(event, vector);
}

/** Words a story or event holds (a Set of them, or a Map keyed by them). */
type Holds = Pick<ReadonlySet<string>, 'has'>;

/** TF-IDF weights, name words and numbers boosted, scaled to unit length. */
function weighed(
  terms: ReadonlyMap<string, number>,
  names: Holds,
  numbers: Holds,
  idf: Idf,
  options: EventSimilarityOptions,
): Map<string, number> {
  const weights = new Float64Array(terms.size);
  let i = 0;
  let sq = 0;
  for (const [term, tf] of terms) {
    const boost = names.has(term) ? options.nameBoost : numbers.has(term) ? options.numberBoost : 1;
    const w = tf * idf.idf(term) * boost;
    weights[i++] = w;
    sq += w * w;
  }
  const norm = Math.sqrt(sq) || 1;
  const out = new Map<string, number>();
  i = 0;
  for (const term of terms.keys()) out.set(term, (weights[i++] as number) / norm);
  return out;
}

export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, w] of small) dot += w * (large.get(k) ?? 0);
  return dot;
}

/** 1 when the dates say nothing (unknown or close), falling with the days between them. */
export function timeFactor(
  at: number | undefined,
  event: EventProfile,
  options: EventSimilarityOptions,
): number {
  if (at === undefined || event.firstAt === undefined || event.lastAt === undefined) return 1;
  const gap = Math.max(0, event.firstAt - at, at - event.lastAt);
  const days = gap / 86_400_000;
  return 1 - options.timeWeight + options.timeWeight * Math.exp(-days / options.timeScaleDays);
}

/** Whether the story repeats one of the event's reports (near-duplicate fingerprints). */
export function repeatsReport(story: StoryFeatures, event: EventProfile): boolean {
  const fp = story.fingerprint;
  return fp !== undefined && event.fingerprints.some((other) => isNearDuplicate(fp, other));
}

/**
 * How far the names agree both ways (0..1): the share (idf-weighted) of the event's key names
 * and numbers (those most of its reports hold) found in the story's words, times the share of
 * the story's leading name words found in the event. Two events of one kind (two rehabs, two
 * earthquakes) differ by who, where and how many: this is what tells them apart.
 */
export function namesAgree(
  story: StoryFeatures,
  event: EventProfile,
  idf: Idf,
  options: EventSimilarityOptions,
): number {
  const eventSide = keyShare(event, (name) => story.terms.has(name), idf, options);
  const floor = Math.max(1, options.nameHoldShare * event.reports);
  const storySide = weightedShare(story.keyNames, (name) => holds(event, name, floor), idf);
  return eventSide * storySide;
}

/** The idf-weighted share of `a`'s key names and numbers that `b` holds. */
export function keyNamesIn(
  a: EventProfile,
  b: EventProfile,
  idf: Idf,
  options: EventSimilarityOptions,
): number {
  return keyShare(a, (name) => holds(b, name), idf, options);
}

/** The event holds the word in at least `floor` reports (its terms' weights stand for counts). */
function holds(event: EventProfile, word: string, floor = 1): boolean {
  return (event.names.get(word) ?? 0) >= floor || (event.terms.get(word) ?? 0) >= floor;
}

/** The idf-weighted share of the event's key names and numbers for which `found` holds. */
function keyShare(
  event: EventProfile,
  found: (word: string) => boolean,
  idf: Idf,
  options: EventSimilarityOptions,
): number {
  const floor = Math.max(1, options.keyNameShare * event.reports);
  const keys: string[] = [];
  for (const map of [event.names, event.numbers])
    for (const [word, count] of map) if (count >= floor) keys.push(word);
  return weightedShare(keys, found, idf);
}

/** The idf-weighted share of `words` for which `found` holds; 1 for no words. */
function weightedShare(words: Iterable<string>, found: (word: string) => boolean, idf: Idf) {
  let all = 0;
  let hit = 0;
  for (const word of words) {
    const w = idf.idf(word);
    all += w;
    if (found(word)) hit += w;
  }
  return all > 0 ? hit / all : 1;
}

const YEAR = /^(19|20)\d\d$/;

/**
 * How far the story's years agree with the event's: `yearConflict` when both name years and
 * share none, times `statedYearConflict` when the story states its own year (a dateline) and
 * too few of the event's reports mention it, or when the story has no date at all (neither a
 * dateline nor a feed's) and does not name a year the event is dated in. Two events of one
 * kind are often years apart.
 */
export function yearsAgree(
  story: StoryFeatures,
  event: EventProfile,
  options: EventSimilarityOptions,
): number {
  const stated = story.statedYear;
  const conflict =
    stated !== undefined
      ? !mentions(event, stated, options)
      : story.at === undefined && datedYears(event, options).some((y) => !story.numbers.has(y));
  const dated = conflict ? options.statedYearConflict : 1;
  const mine = [...story.numbers].filter((n) => YEAR.test(n));
  const theirs = [...event.numbers.keys()].filter((n) => YEAR.test(n));
  if (mine.length === 0 || theirs.length === 0) return dated;
  return mine.some((y) => event.numbers.has(y)) ? dated : dated * options.yearConflict;
}

/**
 * The years an event is dated in: those at least `datedShare` of its reports (and
 * `datedReports`) state as their own. A story with no date of its own that names none of them
 * gives no sign of being of that year; in ECB+ the reports of a topic's other event are dated
 * years apart or not at all.
 */
export function datedYears(event: EventProfile, options: EventSimilarityOptions): string[] {
  const floor = Math.max(options.datedReports, options.datedShare * event.reports);
  return [...(event.statedYears ?? [])].filter(([, count]) => count >= floor).map(([y]) => y);
}

/**
 * `statedYearConflict` for each way two events' years disagree: the years most reports of one
 * mention (its datelines') are mentioned by too few reports of the other; or one is dated in a
 * year (`datedYears`) that the other, without feed dates, neither states nor mentions enough.
 * Keeps two events of one kind a few years apart from merging.
 */
export function eventYearsAgree(
  a: EventProfile,
  b: EventProfile,
  options: EventSimilarityOptions,
): number {
  const c = options.statedYearConflict;
  const mentioned = keyYearsIn(a, b, options) && keyYearsIn(b, a, options) ? 1 : c;
  return mentioned * (datedIn(a, b, options) ? 1 : c) * (datedIn(b, a, options) ? 1 : c);
}

/** Whether `b` has `a`'s dated years: has feed dates, or states or mentions each enough. */
function datedIn(a: EventProfile, b: EventProfile, options: EventSimilarityOptions): boolean {
  if (b.firstAt !== undefined) return true;
  return datedYears(a, options).every(
    (y) => (b.statedYears?.get(y) ?? 0) > 0 || mentions(b, y, options),
  );
}

/** Whether `b` mentions one of `a`'s key years (or `a` has none). */
function keyYearsIn(a: EventProfile, b: EventProfile, options: EventSimilarityOptions): boolean {
  const floor = Math.max(1, options.keyNameShare * a.reports);
  let keys = 0;
  for (const [n, count] of a.numbers) {
    if (count < floor || !YEAR.test(n)) continue;
    if (mentions(b, n, options)) return true;
    keys += 1;
  }
  return keys === 0;
}

/** At least `statedYearShare` of the event's reports (and one) hold the number. */
function mentions(event: EventProfile, number: string, options: EventSimilarityOptions): boolean {
  return (event.numbers.get(number) ?? 0) >= Math.max(1, options.statedYearShare * event.reports);
}
