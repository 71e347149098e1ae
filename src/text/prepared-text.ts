import { contentHash } from '../domain/story-id.ts';
import { fingerprint } from './fingerprint.ts';
import { readStory, type TermCounts } from './story-text.ts';
import { summarize } from './summarize.ts';

/**
 * The part of a story's enrichment that depends on its text alone (not on the corpus): its
 * summary, names, near-duplicate fingerprint, content hash and content-word counts. Being a
 * pure function of title and body, it can be computed ahead, in a worker thread (see
 * enrich-worker.ts); the keywords, which depend on the corpus statistics, are computed when
 * the story is taken.
 */
export interface PreparedText {
  title: string;
  body: string;
  summary: string[];
  /** Names, best first (up to STORY_ENTITIES). */
  entities: string[];
  fingerprint: string;
  /** `contentHash(title, body)`. */
  contentHash: string;
  counts: TermCounts;
  /**
   * `TermStats.termId` of each of `counts.terms`, when the worker numbered them (see
   * `EnrichWorker`); the ingest thread looks them up itself otherwise.
   */
  termIds?: number[];
}

export function prepareText(title: string, body: string, summarySentences: number): PreparedText {
  const text = readStory(title, body);
  return {
    title,
    body,
    summary: summarize(body, { sentences: summarySentences, title }),
    entities: text.entities,
    fingerprint: fingerprint(title, body, text.words),
    contentHash: contentHash(title, body),
    counts: text.counts,
  };
}
