import type { Story, StoryDraft, UpsertOutcome } from '../domain/story.ts';
import type { StoryFeatures } from '../text/events/features.ts';
import type { EventAssignment } from './event-store.ts';

export interface UpsertResult {
  outcome: UpsertOutcome;
  story: Story;
  /** The story's event, when the upsert was asked to assign one (`event`). */
  event?: EventAssignment;
}

export interface UpsertOptions {
  /** Queue a new story for announcement (default true); a known story never is again. */
  announce?: boolean;
  /**
   * The story's event features: the story is assigned to an event in the same transaction
   * (unless it has one already, which it keeps). See src/store/event-assignment.ts.
   */
  event?: StoryFeatures;
}

export interface LatestQuery {
  limit: number;
  /** Only stories carrying this topic (case-insensitive). */
  topic?: string;
}

export interface SearchHit {
  story: Story;
  /** Higher is better; only comparable within one result list. */
  score: number;
}

/** A story without its text: enough to tell whether its text changed (`contentHash`). */
export type StoryRevision = Pick<Story, 'id' | 'source' | 'language' | 'contentHash'>;

export interface TopicCount {
  topic: string;
  count: number;
}

/**
 * The story store port. Every implementation (SQLite, PostgreSQL) passes the same contract
 * suite in test/contract/. All methods are async so that a networked store fits unchanged.
 */
export interface StoryStore {
  /**
   * Inserts or updates by id; says whether the story was new, changed or unchanged. A new story
   * is queued for announcement unless `announce` is false; a known story never is again.
   */
  upsertStory(draft: StoryDraft, now: Date, options?: UpsertOptions): Promise<UpsertResult>;
  /**
   * New stories whose announcement (fan-out to subscribers) has not been recorded yet, oldest
   * first. The announcement is idempotent, so after a crash these are simply announced again.
   */
  pendingAnnouncements(limit: number): Promise<Story[]>;
  markAnnounced(ids: readonly string[]): Promise<void>;
  getStory(id: string): Promise<Story | undefined>;
  /** Newest first by `publishedAt`, then by id for a stable order. */
  latestStories(query: LatestQuery): Promise<Story[]>;
  /** Full-text search over title and body; any user text is a valid query. Best first. */
  searchStories(text: string, limit: number): Promise<SearchHit[]>;
  /** Stories ingested at or after `since`, oldest first. */
  storiesSince(since: Date, limit: number): Promise<Story[]>;
  /** The same stories as `storiesSince`, without their text (the cross-language pool). */
  revisionsSince(since: Date, limit: number): Promise<StoryRevision[]>;
  /** Every topic with its number of stories, most used first. */
  topicCounts(): Promise<TopicCount[]>;
  /** All stories, in ingest order, a page at a time (for rebuilding in-memory indexes). */
  allStories(
    afterRowId: number,
    pageSize: number,
  ): Promise<{ stories: Story[]; lastRowId: number }>;
  countStories(): Promise<number>;
  /**
   * Optional: runs `work` (this store's calls) as one commit where the engine allows it, for
   * speed; each upsert stays atomic on its own, and what completed is committed even when
   * `work` throws. Joins a batch already open. Without it, callers just run `work`.
   */
  batch?<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
