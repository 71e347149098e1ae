import type { StoryOrigin } from '../domain/story.ts';

/**
 * A story as a source (a content file, a feed item) yields it: clean text, before dates are
 * settled and before the text enrichment (summary, keywords, fingerprint) runs.
 * `src/ingest/draft.ts` turns it into a StoryDraft.
 */
export interface ParsedStory {
  /** From the canonical URL (storyIdFromUrl) or the content file path (storyIdFromPath). */
  id: string;
  title: string;
  /** Clean text; paragraphs separated by one blank line ("\n\n"). */
  body: string;
  url?: string;
  /** The publisher's name; the configured HERALD_SOURCE_NAME when absent. */
  source?: string;
  section?: string;
  topics: string[];
  /** Undefined when the source gave no usable date: the ingest time is used and marked. */
  publishedAt?: Date;
  imageUrl?: string;
  language?: string;
  origin: StoryOrigin;
}

/** A source item that could not become a story, with the reason a person can act on. */
export interface Rejection {
  /** The content file path or the feed URL (plus the item's link or index). */
  ref: string;
  reason: string;
}
