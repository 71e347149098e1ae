import type { Story } from '../domain/story.ts';

/** What the text work adds to a story before it is stored. */
export interface Enrichment {
  summary: string[];
  keywords: string[];
  entities: string[];
  fingerprint: string;
  /** `contentHash(title, body)`, when the text work computed it on the way. */
  contentHash?: string;
}

/**
 * The in-memory text engine the ingest uses: enrichment, near-duplicate lookup and the related
 * index. The implementation lives in src/text/engine.ts; tests may pass their own.
 */
export interface TextEngine {
  enrich(story: { title: string; body: string }): Enrichment;
  /** The id of an indexed story (other than `id`) that this fingerprint repeats, if any. */
  findDuplicate(id: string, fingerprint: string): string | undefined;
  /** Adds a stored story, or replaces it when its id is already indexed. */
  index(story: Story): void;
  /** The ids of the `k` most related stories, best first. */
  related(id: string, k: number): string[];
  readonly size: number;
  /**
   * Optional: starts preparing these stories' texts ahead, in a worker thread, in the order
   * the ingest goes through them. The ingest calls `take(i)` just before enriching story i
   * (which then only adds what depends on the corpus, when the worker prepared it) and `end()`
   * when it is done. Never fails: a story the worker did not prepare is enriched in full.
   */
  prepareAhead?(stories: readonly { title: string; body: string }[]): Promise<AheadRun>;
  /** Optional: starts what `prepareAhead` runs on now (a thread takes a while to start). */
  warmUp?(): void;
  /** Stops what `prepareAhead` runs on. */
  close?(): Promise<void>;
}

/** See `TextEngine.prepareAhead`. */
export interface AheadRun {
  take(index: number): void;
  end(): void;
}
