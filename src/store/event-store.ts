/**
 * Events in the store (issue 19, ADR 0024): every story the ingest stores is assigned to one
 * event (the real-world happening several outlets report), in the same transaction as the
 * story (`StoryStore.upsertStory` with `event`). This port reads them back. Both engines
 * pass one contract suite (test/contract/event-store.contract.ts).
 */

/** One report of an event: a story, its outlet, its time and its link. */
export interface EventReport {
  storyId: string;
  title: string;
  /** The outlet (the story's `source`). */
  source: string;
  /** The story's publication time (or first-seen time when `dateEstimated`). */
  at: Date;
  dateEstimated?: boolean;
  url?: string;
}

/** An event as readers see it. */
export interface StoryEvent {
  /** Stable id (`e000000001`...: string order is creation order); a merged id resolves here. */
  id: string;
  /** The title of its first report. */
  title: string;
  /** The story that started it (the one announced). */
  firstStoryId: string;
  createdAt: Date;
  updatedAt: Date;
  /** Its reports in time order (publication time, then the order they were stored). */
  reports: EventReport[];
  /** How many distinct outlets reported it. */
  outlets: number;
}

/** The event of a story, in brief (for cards and for `related`). */
export interface EventBadge {
  eventId: string;
  reports: number;
  outlets: number;
}

/** What assigning one story did. */
export interface EventAssignment {
  /** The story's event. */
  event: string;
  /** The story started this event. */
  created: boolean;
  /** The story repeats a report of the event (near-duplicate). */
  repeat: boolean;
  /** An event found to be the same as `event` and folded into it (its id now resolves to it). */
  merged?: string;
  /** The story already had its event (a re-ingest): nothing changed. */
  kept: boolean;
}

export interface EventStore {
  /** The event of a story with its reports; undefined for an unknown or unassigned story. */
  eventOf(storyId: string): Promise<StoryEvent | undefined>;
  /** An event by id; a merged id gives the event it was folded into. */
  getEvent(eventId: string): Promise<StoryEvent | undefined>;
  /** The event id, reports and outlets of each of these stories that has an event. */
  badges(storyIds: readonly string[]): Promise<Map<string, EventBadge>>;
}
