import type { StoryFeatures } from './features.ts';
import { absorb, mergeProfiles, newProfile, type EventProfile } from './profile.ts';
import { DEFAULT_ASSIGN_OPTIONS, decide, findMerge, type AssignOptions } from './assign.ts';
import { planScope, sameVector, type Idf } from './similarity.ts';

/** What assigning one story changes: the event it joins or starts, and a merge if any. */
export interface AssignmentPlan {
  /** The event the story belongs to once the plan is applied. */
  event: string;
  /** True when the story starts a new event. */
  created: boolean;
  /** The story repeats a report of the event (near-duplicate). */
  repeat: boolean;
  /** The profile to store under `event`. */
  profile: EventProfile;
  /** An event found to be the same as `event`, folded into it (its id is retired). */
  merged?: string;
}

/**
 * Plans a story's assignment from the candidate events (those a store finds by the story's
 * terms): join the best one or start `newId`, then merge the grown event with another it now
 * matches. Of two merged events the one with the smaller id survives: ids are given in
 * arrival order, so that is the older event, already announced, and nothing is re-announced.
 */
export function planAssignment(
  story: StoryFeatures,
  newId: string,
  candidates: readonly EventProfile[],
  idf: Idf,
  options: AssignOptions = DEFAULT_ASSIGN_OPTIONS,
): AssignmentPlan {
  idf = planScope(idf);
  const decision = decide(story, candidates, idf, options);
  const joined =
    decision.kind === 'join' ? candidates.find((c) => c.id === decision.event) : undefined;
  const fit =
    decision.kind === 'join' && !decision.repeat
      ? Math.min(decision.score, options.relativeFitCap)
      : undefined;
  const grown = joined ? absorb(joined, story, fit) : newProfile(newId, story);
  if (!joined) sameVector(grown, story, idf);
  const others = candidates.filter((c) => c.id !== grown.id);
  const mergeWith = findMerge(grown, others, idf, options, story);
  const repeat = decision.kind === 'join' && decision.repeat;
  if (mergeWith === undefined)
    return { event: grown.id, created: joined === undefined, repeat, profile: grown };
  const other = others.find((c) => c.id === mergeWith) as EventProfile;
  const [into, from] = other.id < grown.id ? [other, grown] : [grown, other];
  return {
    event: into.id,
    created: false,
    repeat,
    profile: mergeProfiles(into, from),
    merged: from.id,
  };
}
