import type { Story } from '../domain/story.ts';
import { keywordsOf, TermStats } from './keywords.ts';
import { NearDuplicateIndex } from './near-duplicate-index.ts';
import {
  inThread,
  type Prepared,
  type PreparedText,
  type TextInput,
  type TextPreparer,
} from './prepared-text.ts';
import { RelatedIndex } from './related-index.ts';
import { readStory, type StoryText } from './story-text.ts';

/** What the text work adds to a story before it is stored. */
export interface Enrichment {
  summary: string[];
  keywords: string[];
  entities: string[];
  fingerprint: string;
  /** `contentHash(title, body)`, when the text work computed it on the way. */
  contentHash?: string;
  /** The language the text was read in (given or detected; see `detectLanguage`). */
  language?: string;
}

/**
 * The text engine behind the ingest and the related-stories command: enrichment, the
 * near-duplicate lookup and the related index, all in memory and updated one story at a time.
 */
export interface TextEngine {
  /**
   * The text work that depends on each text alone (summary, names, counts, fingerprint,
   * content hash), for many texts at once, in order. Never rejects for a text: one whose
   * work failed comes back as a `PrepareFailure`.
   */
  prepare(texts: readonly TextInput[]): Promise<Prepared[]>;
  /** A prepared text's enrichment: adds what depends on the corpus (keywords). */
  enrich(text: PreparedText): Enrichment;
  /** The id of an indexed story (other than `id`) that this fingerprint repeats, if any. */
  findDuplicate(id: string, fingerprint: string): string | undefined;
  /** Adds a stored story, or replaces it when its id is already indexed. */
  index(story: Story): void;
  /** The ids of the `k` most related stories, best first. */
  related(id: string, k: number): string[];
  /** Whether the story `id` is indexed. */
  has(id: string): boolean;
  readonly size: number;
  /** Releases what `prepare` runs on. */
  close(): Promise<void>;
}

export interface TextEngineOptions {
  summarySentences: number;
  keywords: number;
  entities: number;
  /** Where `prepare` runs: this thread unless the app gives another (src/app). */
  preparer: TextPreparer;
  /** Stories the indexes make room for at once (those of the store at start, and some). */
  capacity: number;
}

export const DEFAULT_TEXT_ENGINE_OPTIONS = {
  summarySentences: 3,
  keywords: 10,
  entities: 10,
  preparer: inThread,
  capacity: 0,
} as const satisfies Required<TextEngineOptions>;

export function createTextEngine(options: Partial<TextEngineOptions> = {}): TextEngine {
  const opts = { ...DEFAULT_TEXT_ENGINE_OPTIONS, ...options };
  const stats = new TermStats();
  const duplicates = new NearDuplicateIndex();
  const related = new RelatedIndex(stats);
  if (opts.capacity > 0) {
    related.reserve(opts.capacity);
    duplicates.reserve(opts.capacity);
  }
  // The text last enriched: the ingest indexes a story right after enriching it.
  let last: IndexedText | undefined;
  const readOnce = (story: Story): IndexedText =>
    last !== undefined && last.title === story.title && last.body === story.body
      ? last
      : readStory(story.title, story.body, story.entities, story.language);
  // Each term is looked up once per story: keywords, term counts and the related vector.
  const termId = (term: string) => stats.termId(term);
  const termIds = (terms: readonly string[]) => terms.map(termId);
  return {
    prepare: (texts) => opts.preparer.prepare(texts, opts.summarySentences),
    enrich(text) {
      const ids = text.termIdsFor?.(termId) ?? termIds(text.counts.terms);
      last = { ...text, termIds: ids };
      return enrichment(text, ids, stats, opts);
    },
    findDuplicate: (id, fp) => duplicates.find(fp).find((hit) => hit.id !== id)?.id,
    index(story: Story) {
      const read = readOnce(story);
      last = undefined;
      // A story indexed again: its old version leaves the counts (its kept terms; see ADR 0005).
      const previous = related.keptTerms(story.id);
      if (previous !== undefined) stats.removeDocument(previous);
      const text = { ...read, termIds: read.termIds ?? termIds(read.counts.terms) };
      stats.addDocumentIds(text.termIds);
      if (story.fingerprint !== undefined) duplicates.add(story.id, story.fingerprint);
      related.add(relatedDoc(story, text));
    },
    related: (id, k) => related.related(id, k).map((hit) => hit.id),
    has: (id) => related.has(id),
    get size() {
      return related.size;
    },
    close: () => opts.preparer.close(),
  };
}

/** What indexing needs of a story's text (a StoryText or a PreparedText). */
type IndexedText = Pick<StoryText, 'title' | 'body' | 'counts' | 'entities'> & {
  /** `TermStats.termId` of each of `counts.terms`. */
  termIds?: readonly number[];
};

function enrichment(
  text: PreparedText,
  ids: readonly number[],
  stats: TermStats,
  opts: TextEngineOptions,
): Enrichment {
  return {
    summary: text.summary,
    keywords: keywordsOf(text.counts, stats, opts.keywords, ids),
    entities: text.entities.slice(0, opts.entities),
    fingerprint: text.fingerprint,
    contentHash: text.contentHash,
    language: text.language,
  };
}

function relatedDoc(story: Story, text: IndexedText) {
  return {
    id: story.id,
    title: story.title,
    body: story.body,
    entities: text.entities,
    counts: text.counts,
    ...(text.termIds === undefined ? {} : { termIds: text.termIds }),
    ...(story.dateEstimated ? {} : { publishedAt: story.publishedAt }),
    ...(story.fingerprint === undefined ? {} : { fingerprint: story.fingerprint }),
  };
}
