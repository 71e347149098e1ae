import { z } from 'zod';

/** Where a story came from: a file under content/ or a feed. */
export const StoryOriginSchema = z.object({
  kind: z.enum(['content', 'feed']),
  /** The content file's path relative to the content folder, or the feed URL. */
  ref: z.string().min(1),
});

/**
 * A story as the ingest produces it, before the store has seen it. Everything the store keeps
 * comes from here; the store adds only its own bookkeeping (`ingestedAt`, `updatedAt`).
 */
export const StoryDraftSchema = z.object({
  /** Stable id: derived from the canonical URL, or from the content file's path. */
  id: z.string().min(1).max(200),
  title: z.string().min(1),
  /** Clean text; paragraphs separated by one blank line. */
  body: z.string(),
  url: z.url().optional(),
  source: z.string().min(1),
  section: z.string().optional(),
  topics: z.array(z.string().min(1)),
  publishedAt: z.date(),
  /** True when the item had no usable date and `publishedAt` is the ingest time. */
  dateEstimated: z.boolean(),
  language: z.string().min(2),
  imageUrl: z.url().optional(),
  /** sha256 of the normalised title and body: tells "changed" from "unchanged". */
  contentHash: z.string().length(64),
  /** Near-duplicate fingerprint (hex), filled by the text enrichment. */
  fingerprint: z.string().optional(),
  /** Top terms, lowercase, best first. */
  keywords: z.array(z.string()),
  /** Capitalised names found in the text ("Amir Khan Muttaqi"), best first. */
  entities: z.array(z.string()),
  /** Extractive summary sentences, in document order (empty when the story is short). */
  summary: z.array(z.string()),
  /** The id of an earlier story this one repeats (same story from another feed or URL). */
  duplicateOf: z.string().optional(),
  origin: StoryOriginSchema,
});

export const StorySchema = StoryDraftSchema.extend({
  ingestedAt: z.date(),
  updatedAt: z.date(),
  /**
   * The event the story reports (see src/store/event-store.ts), set by the store when the
   * ingest assigns it; absent for a story stored before events were kept (schema 14).
   */
  eventId: z.string().optional(),
});

export type StoryOrigin = z.infer<typeof StoryOriginSchema>;
export type StoryDraft = z.infer<typeof StoryDraftSchema>;
export type Story = z.infer<typeof StorySchema>;

/** What an upsert did: the only "new" stories are announced. */
export type UpsertOutcome = 'new' | 'changed' | 'unchanged';
