import type { Story } from '../domain/story.ts';
import type { Enrichment, TextEngine } from '../ingest/text-engine.ts';
import { extractEntities } from './entities.ts';
import { fingerprint } from './fingerprint.ts';
import { extractKeywords, storyTerms, TermStats } from './keywords.ts';
import { NearDuplicateIndex } from './near-duplicate-index.ts';
import { RelatedIndex } from './related-index.ts';
import { summarize } from './summarize.ts';

export interface TextEngineOptions {
  summarySentences: number;
  keywords: number;
  entities: number;
}

export const DEFAULT_TEXT_ENGINE_OPTIONS = {
  summarySentences: 3,
  keywords: 10,
  entities: 10,
} as const satisfies Required<TextEngineOptions>;

/**
 * The text engine behind the ingest: corpus statistics, the near-duplicate index and the
 * related index, all in memory and updated one story at a time.
 */
export function createTextEngine(options: Partial<TextEngineOptions> = {}): TextEngine {
  const opts = { ...DEFAULT_TEXT_ENGINE_OPTIONS, ...options };
  const stats = new TermStats();
  const termsOf = new Map<string, string[]>();
  const duplicates = new NearDuplicateIndex();
  const related = new RelatedIndex(stats);
  return {
    enrich: (story) => enrich(story, stats, opts),
    findDuplicate: (id, fp) => duplicates.find(fp).find((hit) => hit.id !== id)?.id,
    index(story: Story) {
      const previous = termsOf.get(story.id);
      if (previous !== undefined) stats.removeDocument(previous);
      const terms = storyTerms(story.title, story.body);
      stats.addDocument(terms);
      termsOf.set(story.id, [...new Set(terms)]);
      if (story.fingerprint !== undefined) duplicates.add(story.id, story.fingerprint);
      related.add(relatedDoc(story));
    },
    related: (id, k) => related.related(id, k).map((hit) => hit.id),
    get size() {
      return related.size;
    },
  };
}

function enrich(
  story: { title: string; body: string },
  stats: TermStats,
  opts: TextEngineOptions,
): Enrichment {
  return {
    summary: summarize(story.body, { sentences: opts.summarySentences, title: story.title }),
    keywords: extractKeywords(story.title, story.body, stats, opts.keywords),
    entities: extractEntities(story.title, story.body, opts.entities),
    fingerprint: fingerprint(story.title, story.body),
  };
}

function relatedDoc(story: Story) {
  return {
    id: story.id,
    title: story.title,
    body: story.body,
    entities: story.entities,
    ...(story.dateEstimated ? {} : { publishedAt: story.publishedAt }),
    ...(story.fingerprint === undefined ? {} : { fingerprint: story.fingerprint }),
  };
}
