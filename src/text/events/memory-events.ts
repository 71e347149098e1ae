import type { StoryFeatures } from './features.ts';
import type { EventProfile } from './profile.ts';
import { planAssignment, type AssignmentPlan } from './plan.ts';
import { DEFAULT_ASSIGN_OPTIONS, type AssignOptions } from './assign.ts';
import type { Idf } from './similarity.ts';

/** Terms of a story (its rarest) whose events are candidates. */
export const CANDIDATE_TERMS = 24;

/**
 * Events in memory, assigned online one story at a time: the reference of what a store does
 * (the eval runs it). Event ids are `e1`, `e2`... in creation order (zero-padded, so that
 * string order is creation order).
 */
export class MemoryEvents {
  readonly #profiles = new Map<string, EventProfile>();
  readonly #postings = new Map<string, Set<string>>();
  readonly #eventOf = new Map<string, string>();
  readonly #idf: Idf;
  readonly #options: AssignOptions;
  #next = 1;

  constructor(idf: Idf, options: Partial<AssignOptions> = {}) {
    this.#idf = idf;
    this.#options = { ...DEFAULT_ASSIGN_OPTIONS, ...options };
  }

  /** Assigns a story (again: the same event) and returns the plan applied. */
  add(story: StoryFeatures): AssignmentPlan {
    const newId = `e${String(this.#next).padStart(9, '0')}`;
    const plan = planAssignment(story, newId, this.#candidates(story), this.#idf, this.#options);
    if (plan.created) this.#next += 1;
    this.#apply(story.id, plan);
    return plan;
  }

  /** The event of each story assigned. */
  events(): Map<string, string> {
    return new Map([...this.#eventOf].map(([story, event]) => [story, this.#resolve(event)]));
  }

  #candidates(story: StoryFeatures): EventProfile[] {
    const ranked = [...story.terms.keys()]
      .map((term) => ({ term, idf: (story.terms.get(term) ?? 0) * this.#idf.idf(term) }))
      .sort((a, b) => b.idf - a.idf || (a.term < b.term ? -1 : 1))
      .slice(0, CANDIDATE_TERMS);
    const ids = new Set<string>();
    for (const { term } of ranked) for (const id of this.#postings.get(term) ?? []) ids.add(id);
    return [...ids].sort().map((id) => this.#profiles.get(id) as EventProfile);
  }

  #apply(storyId: string, plan: AssignmentPlan): void {
    if (plan.merged !== undefined) {
      this.#unpost(plan.merged);
      this.#profiles.delete(plan.merged);
      this.#merges.set(plan.merged, plan.event);
    }
    this.#unpost(plan.event);
    this.#profiles.set(plan.event, plan.profile);
    for (const term of plan.profile.terms.keys()) {
      let set = this.#postings.get(term);
      if (!set) this.#postings.set(term, (set = new Set()));
      set.add(plan.event);
    }
    this.#eventOf.set(storyId, plan.event);
  }

  readonly #merges = new Map<string, string>();

  #resolve(event: string): string {
    let id = event;
    for (let next = this.#merges.get(id); next !== undefined; next = this.#merges.get(id))
      id = next;
    return id;
  }

  #unpost(event: string): void {
    const profile = this.#profiles.get(event);
    if (!profile) return;
    for (const term of profile.terms.keys()) this.#postings.get(term)?.delete(event);
  }
}
