import type { Story } from '../domain/story.ts';
import type { Enrichment, TextEngine } from '../ingest/text-engine.ts';
import { WorkerOnDemand } from './enrich-pool.ts';
import { keywordsOf, TermStats } from './keywords.ts';
import { NearDuplicateIndex } from './near-duplicate-index.ts';
import { prepareText, type PreparedText } from './prepared-text.ts';
import { RelatedIndex } from './related-index.ts';
import { readStory, type StoryText } from './story-text.ts';

export interface TextEngineOptions {
  summarySentences: number;
  keywords: number;
  entities: number;
  /**
   * Prepare story texts ahead in a worker thread (see `TextEngine.prepare`). Off by default:
   * the app turns it on where there is a second core to run it.
   */
  worker: boolean;
  /** Stories the indexes make room for at once (those of the store at start, and some). */
  capacity: number;
}

export const DEFAULT_TEXT_ENGINE_OPTIONS = {
  summarySentences: 3,
  keywords: 10,
  entities: 10,
  worker: false,
  capacity: 0,
} as const satisfies Required<TextEngineOptions>;

/**
 * The text engine behind the ingest: corpus statistics, the near-duplicate index and the
 * related index, all in memory and updated one story at a time.
 */
export function createTextEngine(options: Partial<TextEngineOptions> = {}): TextEngine {
  const opts = { ...DEFAULT_TEXT_ENGINE_OPTIONS, ...options };
  const stats = new TermStats();
  const duplicates = new NearDuplicateIndex();
  const related = new RelatedIndex(stats);
  if (opts.capacity > 0) {
    related.reserve(opts.capacity);
    duplicates.reserve(opts.capacity);
  }
  const worker = opts.worker
    ? new WorkerOnDemand(opts.summarySentences, undefined, (term) => stats.termId(term))
    : undefined;
  const ahead = new PreparedAhead();
  // The text last enriched: the ingest indexes a story right after enriching it.
  let last: IndexedText | undefined;
  const readOnce = (story: Story): IndexedText =>
    last !== undefined && last.title === story.title && last.body === story.body
      ? last
      : readStory(story.title, story.body, story.entities);
  // Each term is looked up once per story: keywords, term counts and the related vector.
  const termIds = (terms: readonly string[]) => terms.map((term) => stats.termId(term));
  const engine: TextEngine = {
    enrich(story) {
      const prepared =
        ahead.take(story) ?? prepareText(story.title, story.body, opts.summarySentences);
      const ids = prepared.termIds ?? termIds(prepared.counts.terms);
      last = { ...prepared, termIds: ids };
      return enrichment(prepared, ids, stats, opts);
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
    get size() {
      return related.size;
    },
  };
  if (worker !== undefined) {
    engine.prepareAhead = async (stories) => {
      const run = await worker.run(stories);
      return {
        take(index) {
          const prepared = run.take(index);
          if (prepared !== undefined) ahead.keep(prepared);
        },
        end: () => {
          run.end();
        },
      };
    };
    engine.warmUp = () => {
      worker.warmUp();
    };
    engine.close = () => worker.close();
  }
  return engine;
}

/** What indexing needs of a story's text (a StoryText or a PreparedText). */
type IndexedText = Pick<StoryText, 'title' | 'body' | 'counts' | 'entities'> & {
  /** `TermStats.termId` of each of `counts.terms`. */
  termIds?: readonly number[];
};

/**
 * The text the worker prepared for the story the ingest is about to enrich (one at a time:
 * see `TextEngine.prepareAhead`). Matched by body and title: the very strings the ingest
 * holds, so the match costs a comparison by identity.
 */
class PreparedAhead {
  #text: PreparedText | undefined;

  keep(prepared: PreparedText): void {
    this.#text = prepared;
  }

  take(story: { title: string; body: string }): PreparedText | undefined {
    const text = this.#text;
    this.#text = undefined;
    return text !== undefined && text.body === story.body && text.title === story.title
      ? text
      : undefined;
  }
}

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
