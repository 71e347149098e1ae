import type { StoryFeatures } from './features.ts';

/**
 * What an event keeps of its reports for the assignment of later ones: the sum of their term
 * frequencies (the heaviest `PROFILE_TERMS`), how many reports name each name word and hold
 * each number, their fingerprints and their time span. Small and plain, so a store keeps it.
 */
export interface EventProfile {
  id: string;
  reports: number;
  terms: Map<string, number>;
  names: Map<string, number>;
  numbers: Map<string, number>;
  fingerprints: string[];
  firstAt?: number;
  lastAt?: number;
  /** The sum and count of the scores its later reports joined it with (see `relativeJoin`). */
  fitSum?: number;
  fitCount?: number;
  /**
   * How many reports state each year as their own (their dateline's, see `statedYear`); none
   * in a profile stored before it was kept.
   */
  statedYears?: Map<string, number>;
  /** How many reports each outlet gave (none in a profile stored before it was kept). */
  sources?: Map<string, number>;
}

/** Terms an event profile keeps (its heaviest). */
export const PROFILE_TERMS = 200;
/** Fingerprints an event keeps (its first reports'). */
export const PROFILE_FINGERPRINTS = 8;

/** A new event of one report. */
export function newProfile(id: string, story: StoryFeatures): EventProfile {
  const profile: EventProfile = {
    id,
    reports: 0,
    terms: new Map(),
    names: new Map(),
    numbers: new Map(),
    fingerprints: [],
  };
  return absorb(profile, story);
}

/**
 * The profile with one more report (a new object; the given one is left as it was); `fit` is
 * the score the report joined with, when it joined by its score.
 */
export function absorb(profile: EventProfile, story: StoryFeatures, fit?: number): EventProfile {
  const next = copy(profile);
  next.reports += 1;
  if (fit !== undefined) {
    next.fitSum = (next.fitSum ?? 0) + fit;
    next.fitCount = (next.fitCount ?? 0) + 1;
  }
  addAll(next.terms, story.terms);
  for (const name of story.names) bump(next.names, name, 1);
  for (const n of story.numbers) bump(next.numbers, n, 1);
  if (story.statedYear !== undefined) bump((next.statedYears ??= new Map()), story.statedYear, 1);
  if (story.source !== undefined) bump((next.sources ??= new Map()), story.source, 1);
  if (story.fingerprint !== undefined && next.fingerprints.length < PROFILE_FINGERPRINTS)
    next.fingerprints.push(story.fingerprint);
  widenSpan(next, story.at);
  if (next.terms.size > PROFILE_TERMS) next.terms = heaviest(next.terms, PROFILE_TERMS);
  return next;
}

/** One profile of two events found to be one; it keeps `into`'s id. */
export function mergeProfiles(into: EventProfile, from: EventProfile): EventProfile {
  const next = copy(into);
  next.reports += from.reports;
  addAll(next.terms, from.terms);
  addAll(next.names, from.names);
  addAll(next.numbers, from.numbers);
  if (from.statedYears !== undefined) addAll((next.statedYears ??= new Map()), from.statedYears);
  if (from.sources !== undefined) addAll((next.sources ??= new Map()), from.sources);
  for (const fp of from.fingerprints)
    if (next.fingerprints.length < PROFILE_FINGERPRINTS) next.fingerprints.push(fp);
  widenSpan(next, from.firstAt);
  widenSpan(next, from.lastAt);
  if (from.fitCount !== undefined && from.fitSum !== undefined) {
    next.fitSum = (next.fitSum ?? 0) + from.fitSum;
    next.fitCount = (next.fitCount ?? 0) + from.fitCount;
  }
  if (next.terms.size > PROFILE_TERMS) next.terms = heaviest(next.terms, PROFILE_TERMS);
  return next;
}

function copy(p: EventProfile): EventProfile {
  const next: EventProfile = {
    id: p.id,
    reports: p.reports,
    terms: new Map(p.terms),
    names: new Map(p.names),
    numbers: new Map(p.numbers),
    fingerprints: [...p.fingerprints],
  };
  if (p.firstAt !== undefined) next.firstAt = p.firstAt;
  if (p.lastAt !== undefined) next.lastAt = p.lastAt;
  if (p.fitSum !== undefined) next.fitSum = p.fitSum;
  if (p.fitCount !== undefined) next.fitCount = p.fitCount;
  if (p.statedYears !== undefined) next.statedYears = new Map(p.statedYears);
  if (p.sources !== undefined) next.sources = new Map(p.sources);
  return next;
}

function widenSpan(p: EventProfile, at: number | undefined): void {
  if (at === undefined) return;
  if (p.firstAt === undefined || at < p.firstAt) p.firstAt = at;
  if (p.lastAt === undefined || at > p.lastAt) p.lastAt = at;
}

function bump(map: Map<string, number>, key: string, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function addAll(into: Map<string, number>, from: ReadonlyMap<string, number>): void {
  for (const [key, value] of from) bump(into, key, value);
}

/** The `k` heaviest entries, ties by term (so the result never depends on insertion order). */
export function heaviest(map: ReadonlyMap<string, number>, k: number): Map<string, number> {
  if (map.size <= k) return new Map(map);
  const sorted = [...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return new Map(sorted.slice(0, k));
}

/**
 * The keys of `heaviest(map, k)`, in no particular order: the k-th largest weight found by
 * sorting the weights alone (a story's ~150 terms are mostly tied at the lowest weight, and
 * sorting the entries compared their terms for each tie).
 */
export function heaviestKeys(map: ReadonlyMap<string, number>, k: number): string[] {
  if (map.size <= k) return [...map.keys()];
  if (k <= 0) return [];
  // Filled by a loop: `Float64Array.from` over the Map's iterator took three times as long.
  const weights = new Float64Array(map.size);
  let i = 0;
  for (const weight of map.values()) weights[i++] = weight;
  const cut = weights.sort()[map.size - k] as number;
  const above: string[] = [];
  const at: string[] = [];
  for (const [key, weight] of map) {
    if (weight > cut) above.push(key);
    else if (weight === cut) at.push(key);
  }
  // Ties by key, as `heaviest` breaks them (code unit order, the default sort's).
  return above.concat(at.sort().slice(0, k - above.length));
}
