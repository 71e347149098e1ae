/**
 * What both engines share of assigning a story to an event in the store (ADR 0024): the
 * profile's JSON, the document frequencies kept in the store and their per-process cache, the
 * candidate lookup's terms and the writes a plan (`planAssignment`, src/text/events) makes.
 * Each engine runs the same steps on its own tables (sqlite/event-store.ts,
 * postgres/event-store.ts), under its write lock, in the story's transaction.
 */
import type { StoryFeatures } from '../text/events/features.ts';
import { CANDIDATE_TERMS } from '../text/events/memory-events.ts';
import { planAssignment, type AssignmentPlan } from '../text/events/plan.ts';
import { heaviestKeys, type EventProfile } from '../text/events/profile.ts';
import type { AssignmentCache } from './assignment-cache.ts';
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
  const weighed = new Map<string, number>();
  for (const [term, tf] of story.terms)
    if (cache.documentsHolding(term) > 1) weighed.set(term, tf * cache.idf(term));
  const terms = heaviestKeys(weighed, CANDIDATE_TERMS);
  // Whole numbers: an engine sums them exactly, in any order, so both rank alike.
  return { terms, weights: terms.map((t) => Math.round((weighed.get(t) ?? 0) * 1000)) };
}

/** The candidate terms as a JSON object of term to weight (SQLite's `json_each`). */
export function termWeights(story: StoryFeatures, cache: AssignmentCache): string {
  const { terms, weights } = candidateTerms(story, cache);
  return `{${terms.map((t, i) => `${JSON.stringify(t)}:${weights[i] ?? 0}`).join(',')}}`;
}

/**
 * Terms an event is posted under: its profile's heaviest (summed frequency, ties by term).
 * MemoryEvents posts all of the profile's terms; writing 200 postings for each new event was
 * most of the store's share of the assignment's cost, and a story's heaviest terms meet an
 * event's heaviest ones.
 */
export const POSTED_TERMS = 64;

/** Posted terms by profile: a profile is never changed, and each is asked again as `before`. */
const POSTED = new WeakMap<EventProfile, string[]>();

/** The terms an event is posted under (see POSTED_TERMS). */
export function postedTerms(profile: EventProfile): string[] {
  let terms = POSTED.get(profile);
  if (terms === undefined) {
    terms = heaviestKeys(profile.terms, POSTED_TERMS);
    POSTED.set(profile, terms);
  }
  return terms;
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

/**
 * The writes for a story among the candidate events `ids` (their profiles cached by now): the
 * planner's decision under the cache's idf, a new event numbered `nextEvent`.
 */
export function planFor(
  features: StoryFeatures,
  nextEvent: number,
  ids: readonly string[],
  cache: AssignmentCache,
): PlanWrites {
  const candidates = cachedProfiles(cache, ids);
  return writesOf(planAssignment(features, eventIdOf(nextEvent), candidates, cache), candidates);
}

/** The cache after the writes are applied: the event's new profile, a merged one gone. */
export function remember(cache: AssignmentCache, writes: PlanWrites): void {
  cache.keepProfiles([writes.event.profile]);
  if (writes.assignment.merged !== undefined) cache.dropProfile(writes.assignment.merged);
}
