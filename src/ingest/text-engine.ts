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
   * Optional: prepares these stories' texts ahead (in a worker thread), so that `enrich` of
   * each, called soon after, only adds what depends on the corpus. Never fails: a story not
   * prepared ahead is enriched in full by `enrich`.
   */
  prepare?(stories: readonly { title: string; body: string }[]): Promise<void>;
  /**
   * Optional: starts what `prepare` runs on, ahead of a large ingest (a thread takes a while
   * to start); says whether it was running already.
   */
  warmUp?(): boolean;
  /** Stops what `prepare` runs on. */
  close?(): Promise<void>;
}
