import type { StoryFeatures } from './features.ts';
import type { EventProfile } from './profile.ts';
import {
  DEFAULT_SIMILARITY_OPTIONS,
  type EventSimilarityOptions,
  type Idf,
  cosine,
  eventVector,
  eventYearsAgree,
  keyNamesIn,
  namesAgree,
  repeatsReport,
  storyVector,
  timeFactor,
  yearsAgree,
} from './similarity.ts';

/** How a story is assigned to an event. */
export interface AssignOptions extends EventSimilarityOptions {
  /** Score at or above which a story joins an event. */
  joinThreshold: number;
  /** Score of two events' profiles at or above which they are one event. */
  mergeThreshold: number;
  /** Score of a story with a second event at or above which that event is merged too. */
  bridgeThreshold: number;
  /**
   * A story joins an event only at or above this share of the mean score its later reports
   * joined with (0: off): a report of another event of the same kind fits less well than the
   * event's own reports do.
   */
  relativeJoin: number;
  /**
   * The most a later report's score counts toward that mean: a report that nearly copies the
   * first (an agency text another outlet ran) would otherwise raise the bar so high that no
   * report in other words could join.
   */
  relativeFitCap: number;
  /**
   * Score at or above which a story joins (or bridges, or two events merge) where its outlet
   * already reported the event: an outlet's second article on a subject is more often another
   * event (or a later one) than a report of the same, and folding it would keep it from a
   * reader who follows only that outlet. A repeat of a report joins whatever its score.
   */
  sameOutletJoin: number;
}

export const DEFAULT_ASSIGN_OPTIONS = {
  ...DEFAULT_SIMILARITY_OPTIONS,
  joinThreshold: 0.11,
  mergeThreshold: 0.3,
  bridgeThreshold: 0.18,
  relativeJoin: 0.3,
  relativeFitCap: 0.65,
  sameOutletJoin: 0.3,
} as const satisfies Required<AssignOptions>;

export type Decision =
  { kind: 'new' } | { kind: 'join'; event: string; score: number; repeat: boolean };

/** How well a story fits an event (0..1 and a little more). */
export function fitScore(
  story: StoryFeatures,
  event: EventProfile,
  idf: Idf,
  options: EventSimilarityOptions,
): number {
  const text = cosine(storyVector(story, idf, options), eventVector(event, idf, options));
  const agree =
    1 - options.keyNameWeight + options.keyNameWeight * namesAgree(story, event, idf, options);
  return text * agree * yearsAgree(story, event, options) * timeFactor(story.at, event, options);
}

/**
 * The event a story belongs to among the candidates (those sharing terms with it), or a new
 * one. A near-duplicate of a report joins that report's event whatever its score; an event
 * the story's outlet already reported counts only at `sameOutletJoin`. Ties go to the smaller
 * event id, so the decision never depends on the candidates' order.
 */
export function decide(
  story: StoryFeatures,
  candidates: readonly EventProfile[],
  idf: Idf,
  options: AssignOptions = DEFAULT_ASSIGN_OPTIONS,
): Decision {
  let best: { event: string; score: number; repeat: boolean } | undefined;
  let bestProfile: EventProfile | undefined;
  for (const event of candidates) {
    const repeat = repeatsReport(story, event);
    const fit = fitScore(story, event, idf, options);
    if (!repeat && fit < options.sameOutletJoin && reportedBy(event, story.source)) continue;
    const score = repeat ? 1 + fit : fit;
    if (
      best === undefined ||
      score > best.score ||
      (score === best.score && event.id < best.event)
    ) {
      best = { event: event.id, score, repeat };
      bestProfile = event;
    }
  }
  if (best === undefined || best.score < options.joinThreshold) return { kind: 'new' };
  if (!best.repeat && bestProfile !== undefined && best.score < relativeFloor(bestProfile, options))
    return { kind: 'new' };
  return { kind: 'join', ...best };
}

/** Whether the outlet gave one of the event's reports. */
function reportedBy(event: EventProfile, source: string | undefined): boolean {
  return source !== undefined && (event.sources?.get(source) ?? 0) > 0;
}

/** Whether two events have an outlet in common. */
function shareOutlet(a: EventProfile, b: EventProfile): boolean {
  for (const source of a.sources?.keys() ?? []) if (reportedBy(b, source)) return true;
  return false;
}

/** `relativeJoin` times the mean score the event's later reports joined with (0 if none). */
export function relativeFloor(event: EventProfile, options: AssignOptions): number {
  const { fitSum, fitCount } = event;
  if (options.relativeJoin <= 0 || fitSum === undefined || !fitCount) return 0;
  return (options.relativeJoin * fitSum) / fitCount;
}

/** How alike two events are: the cosine of their centroids with their shared names. */
export function eventsScore(
  a: EventProfile,
  b: EventProfile,
  idf: Idf,
  options: EventSimilarityOptions,
): number {
  const text = cosine(eventVector(a, idf, options), eventVector(b, idf, options));
  const agree = keyNamesIn(a, b, idf, options) * keyNamesIn(b, a, idf, options);
  const names = 1 - options.keyNameWeight + options.keyNameWeight * agree;
  return text * names * eventYearsAgree(a, b, options);
}

/**
 * The event among `others` that `event` (just grown) turns out to be one with, if any: the
 * best at or above the merge threshold, ties to the smaller id. A story that fits another
 * event too bridges the two only where their years agree (as a centroid merge must); two
 * events with an outlet in common need `sameOutletJoin` either way.
 */
export function findMerge(
  event: EventProfile,
  others: readonly EventProfile[],
  idf: Idf,
  options: AssignOptions = DEFAULT_ASSIGN_OPTIONS,
  story?: StoryFeatures,
): string | undefined {
  let best: { id: string; score: number } | undefined;
  for (const other of others) {
    if (other.id === event.id) continue;
    // An outlet in both (the story's own, or an earlier one): as for a join, see sameOutletJoin.
    const floor = shareOutlet(event, other) ? options.sameOutletJoin : 0;
    const score = Math.max(
      eventsScore(event, other, idf, options) / Math.max(options.mergeThreshold, floor),
      story
        ? (fitScore(story, other, idf, options) * eventYearsAgree(event, other, options)) /
            Math.max(options.bridgeThreshold, floor)
        : 0,
    );
    if (score < 1) continue;
    if (best === undefined || score > best.score || (score === best.score && other.id < best.id))
      best = { id: other.id, score };
  }
  return best?.id;
}
