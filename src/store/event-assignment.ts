/**
 * What both engines share of assigning a story to an event in the store (ADR 0024): the
 * profile's JSON, the document frequencies kept in the store and their per-process cache, the
 * candidate lookup's terms and the writes a plan (`planAssignment`, src/text/events) makes.
 * Each engine runs the same steps on its own tables (sqlite/event-store.ts,
 * postgres/event-store.ts), under its write lock, in the story's transaction.
 */
import type { StoryFeatures } from '../text/events/features.ts';
import { CANDIDATE_TERMS } from '../text/events/memory-events.ts';
import type { AssignmentPlan } from '../text/events/plan.ts';
import { heaviest, type EventProfile } from '../text/events/profile.ts';
import type { Idf } from '../text/events/similarity.ts';
import type { EventAssignment } from './event-store.ts';

/** The schema version (both engines) and name of the events migration. */
export const EVENTS_MIGRATION = {
  version: 14,
  name: 'events: assignment state, reports and merges',
} as const;

/**
 * The most candidate events one story is compared with: those whose postings weigh most among
 * its heaviest terms (then the newest). Comparing a story with an event costs about 0.1 ms
 * (its vector is built anew for every comparison), so this bounds the work per story; the
 * reference (MemoryEvents) has no bound, and below it both decide alike.
 */
export const CANDIDATE_LIMIT = 3;

/** `e` and nine digits: string order is creation order (as MemoryEvents names them). */
export function eventIdOf(n: number): string {
  return `e${String(n).padStart(9, '0')}`;
}

/**
 * A profile as JSON: Maps and Sets become tagged entry lists (in their order, which the
 * similarity's sums follow), so the pure profile's shape can change without a migration.
 */
export function profileToJson(profile: EventProfile): string {
  // A profile is flat: its own fields are converted, without a replacer walking every entry.
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(profile)) {
    if (value instanceof Map) plain[key] = { $map: [...(value as Map<unknown, unknown>)] };
    else if (value instanceof Set) plain[key] = { $set: [...(value as Set<unknown>)] };
    else plain[key] = value;
  }
  return JSON.stringify(plain);
}

/** The profile back from `profileToJson`'s text (or the object an engine parsed from it). */
export function profileFromJson(value: unknown): EventProfile {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const tagged = v as { $map?: [unknown, unknown][]; $set?: unknown[] };
      if (tagged.$map !== undefined) return new Map(tagged.$map);
      if (tagged.$set !== undefined) return new Set(tagged.$set);
    }
    return v;
  }) as EventProfile;
}

/**
 * Documents the idf counts beyond the store's, holding none of the terms: in a young store
 * (a few stories) the plain idf treats every word the reports of one event share as a stop
 * word, and they then never match; with this prior a young store weighs words nearly alike,
 * and from some thousands of stories on the store's own counts decide.
 */
export const IDF_PRIOR_DOCUMENTS = 1000;

/** Cached terms and profiles beyond which the cache starts again (memory stays bounded). */
const CACHE_TERMS = 300_000;
const CACHE_PROFILES = 20_000;

/**
 * What this process last read or wrote of the store's assignment state: the document
 * frequencies (an Idf over them, the same formula as TermStats: `ln((N + 1) / (df + 0.5))`)
 * (with `IDF_PRIOR_DOCUMENTS`) and the profiles of events. Valid while the store's document count is the one it last saw
 * or wrote: any other writer's assignment moves the count, and the cache starts again, so the
 * numbers and profiles used are always the store's.
 */
export class AssignmentCache implements Idf {
  /** Each term's document frequency and `ln(df + 0.5)`, so an idf is one look-up. */
  #df = new Map<string, { df: number; ln: number }>();
  #profiles = new Map<string, EventProfile>();
  #documents = -1;
  /** `ln(N + 1)` at the current document count (with the prior). */
  #lnDocuments = 0;

  /**
   * Takes the store's document count; forgets everything when it is not the one expected.
   * True when it forgot (another writer, or a rolled-back transaction, moved the count).
   */
  sync(documents: number): boolean {
    const full = this.#df.size > CACHE_TERMS || this.#profiles.size > CACHE_PROFILES;
    const stale = documents !== this.#documents;
    if (stale || full) {
      this.#df.clear();
      this.#profiles.clear();
    }
    this.#setDocuments(documents);
    return stale;
  }

  #setDocuments(documents: number): void {
    this.#documents = documents;
    this.#lnDocuments = Math.log(documents + IDF_PRIOR_DOCUMENTS + 1);
  }

  /** Forgets everything (after a failed transaction). */
  reset(): void {
    this.sync(-1);
  }

  /** A cached profile (never changed in place: the planner returns new ones). */
  profile(id: string): EventProfile | undefined {
    return this.#profiles.get(id);
  }

  /** Of these event ids, those whose profile is not cached. */
  missingProfiles(ids: readonly string[]): string[] {
    return ids.filter((id) => !this.#profiles.has(id));
  }

  /**
   * Profiles as the store now holds them (read, or just written). Their words must be in the
   * document frequencies already: `sync` forgets both together, so a cached profile's words
   * never need looking up again.
   */
  keepProfiles(profiles: readonly EventProfile[]): void {
    for (const p of profiles) this.#profiles.set(p.id, p);
  }

  /** An event merged into another: its profile is no longer a candidate's. */
  dropProfile(id: string): void {
    this.#profiles.delete(id);
  }

  /** Of these terms, those not cached (distinct). */
  missing(terms: Iterable<string>): string[] {
    const out = new Set<string>();
    for (const term of terms) if (!this.#df.has(term)) out.add(term);
    return [...out];
  }

  /** The store's answer for `asked`: a term it did not name has no documents yet. */
  fill(asked: readonly string[], found: ReadonlyMap<string, number>): void {
    for (const term of asked) this.#set(term, found.get(term) ?? 0);
  }

  #set(term: string, df: number): void {
    this.#df.set(term, { df, ln: Math.log(df + 0.5) });
  }

  /** One more document holding these terms (all cached), as the store is told too. */
  count(terms: Iterable<string>): void {
    for (const term of terms) this.#set(term, this.documentsHolding(term) + 1);
    this.#setDocuments(this.#documents + 1);
  }

  /** How many stories hold the term (as cached: call after `fill` for it). */
  documentsHolding(term: string): number {
    return this.#df.get(term)?.df ?? 0;
  }

  /** `ln((N + 1) / (df + 0.5))`, N with the prior (the same formula as TermStats). */
  idf(term: string): number {
    return this.#lnDocuments - (this.#df.get(term)?.ln ?? LN_HALF);
  }
}

const LN_HALF = Math.log(0.5);

/**
 * Document-frequency increments not yet written (SQLite, inside a batch): written in one
 * statement before the batch commits instead of one per story (the per-story upsert of a
 * story's ~150 terms was the largest single cost of the assignment in the store). Reads of
 * the store's counts add them (`withPending`), so a read in the batch sees them.
 */
export class PendingCounts {
  #counts = new Map<string, number>();

  add(terms: Iterable<string>): void {
    for (const term of terms) this.#counts.set(term, (this.#counts.get(term) ?? 0) + 1);
  }

  /** The store's counts for `asked` with the increments not yet written. */
  withPending(asked: readonly string[], found: ReadonlyMap<string, number>): Map<string, number> {
    const out = new Map(found);
    for (const term of asked) {
      const more = this.#counts.get(term);
      if (more !== undefined) out.set(term, (out.get(term) ?? 0) + more);
    }
    return out;
  }

  /** The increments as a JSON object (for `json_each`), then forgotten; undefined if none. */
  take(): string | undefined {
    if (this.#counts.size === 0) return undefined;
    const json = JSON.stringify(Object.fromEntries(this.#counts));
    this.#counts.clear();
    return json;
  }

  /** Forgets them (the transaction that counted them was rolled back). */
  clear(): void {
    this.#counts.clear();
  }
}

/** The candidates' profiles (all cached by now), in id order as MemoryEvents gives them. */
export function cachedProfiles(cache: AssignmentCache, ids: readonly string[]): EventProfile[] {
  return [...ids]
    .sort()
    .map((id) => cache.profile(id))
    .filter((p): p is EventProfile => p !== undefined);
}

/** The words of a story whose idf the assignment reads. */
export function storyWords(story: StoryFeatures): Set<string> {
  return new Set([...story.terms.keys(), ...story.names, ...story.keyNames, ...story.numbers]);
}

/** The words of candidate events whose idf the assignment reads. */
export function profileWords(profiles: readonly EventProfile[]): Set<string> {
  const out = new Set<string>();
  for (const p of profiles)
    for (const map of [p.terms, p.names, p.numbers]) for (const word of map.keys()) out.add(word);
  return out;
}

/**
 * The story's heaviest terms (tf x idf, ties by term) that another story holds too (the story
 * is counted already): events posted under them are candidates. A term no other story holds
 * finds no event; leaving those out keeps the lookup from coming back empty while the store is
 * young and the shared words are the common ones.
 */
export function candidateTerms(
  story: StoryFeatures,
  cache: AssignmentCache,
): { terms: string[]; weights: number[] } {
  const ranked = [...story.terms]
    .filter(([term]) => cache.documentsHolding(term) > 1)
    .map(([term, tf]) => ({ term, weight: tf * cache.idf(term) }))
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    .slice(0, CANDIDATE_TERMS);
  // Whole numbers: an engine sums them exactly, in any order, so both rank alike.
  return {
    terms: ranked.map((t) => t.term),
    weights: ranked.map((t) => Math.round(t.weight * 1000)),
  };
}

/** The candidate terms as a JSON object of term to weight (SQLite's `json_each`). */
export function termWeights(story: StoryFeatures, cache: AssignmentCache): Record<string, number> {
  const { terms, weights } = candidateTerms(story, cache);
  return Object.fromEntries(terms.map((t, i) => [t, weights[i] ?? 0]));
}

/**
 * Terms an event is posted under: its profile's heaviest (summed frequency, ties by term).
 * MemoryEvents posts all of the profile's terms; writing 200 postings for each new event was
 * most of the store's share of the assignment's cost, and a story's heaviest terms meet an
 * event's heaviest ones.
 */
export const POSTED_TERMS = 64;

/** The terms an event is posted under (see POSTED_TERMS). */
export function postedTerms(profile: EventProfile): string[] {
  return [...heaviest(profile.terms, POSTED_TERMS).keys()];
}

/** What applying a plan writes, the same on both engines. */
export interface PlanWrites {
  /** The event the story belongs to, with its new profile; `created` when it is new. */
  event: { id: string; created: boolean; profile: EventProfile };
  /** Terms to post under `event.id`, and terms to take off it (its profile's heaviest moved). */
  post: string[];
  unpost: string[];
  /** A stored event folded into `event.id`: its postings go, its id resolves to the survivor. */
  retired?: { id: string; terms: string[] };
  assignment: EventAssignment;
}

/** The writes of a plan made from these (stored) candidates. */
export function writesOf(plan: AssignmentPlan, candidates: readonly EventProfile[]): PlanWrites {
  const before = candidates.find((c) => c.id === plan.event);
  const had = new Set(before === undefined ? [] : postedTerms(before));
  const has = new Set(postedTerms(plan.profile));
  const retired =
    plan.merged === undefined ? undefined : candidates.find((c) => c.id === plan.merged);
  const assignment: EventAssignment = {
    event: plan.event,
    created: plan.created,
    repeat: plan.repeat,
    kept: false,
    ...(plan.merged === undefined ? {} : { merged: plan.merged }),
  };
  return {
    event: { id: plan.event, created: before === undefined, profile: plan.profile },
    post: [...has].filter((t) => !had.has(t)),
    unpost: [...had].filter((t) => !has.has(t)),
    ...(retired === undefined ? {} : { retired: { id: retired.id, terms: postedTerms(retired) } }),
    assignment,
  };
}
