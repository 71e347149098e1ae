import type { Story } from '../domain/story.ts';
import type { Enrichment, TextEngine } from '../ingest/text-engine.ts';
import { fingerprint } from './fingerprint.ts';
import { keywordsOf, TermStats } from './keywords.ts';
import { NearDuplicateIndex } from './near-duplicate-index.ts';
import { RelatedIndex } from './related-index.ts';
import { readStory, type StoryText } from './story-text.ts';
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
  const duplicates = new NearDuplicateIndex();
  const related = new RelatedIndex(stats);
  // The text last enriched: the ingest indexes a story right after enriching it.
  let last: StoryText | undefined;
  const readOnce = (story: Story): StoryText =>
    last !== undefined && last.title === story.title && last.body === story.body
      ? last
      : readStory(story.title, story.body, story.entities);
  return {
    enrich(story) {
      last = readStory(story.title, story.body);
      return enrich(last, stats, opts);
    },
    findDuplicate: (id, fp) => duplicates.find(fp).find((hit) => hit.id !== id)?.id,
    index(story: Story) {
      const text = readOnce(story);
      last = undefined;
      // A story indexed again: its old version leaves the counts (its kept terms; see ADR 0005).
      const previous = related.keptTerms(story.id);
      if (previous !== undefined) stats.removeDocument(previous);
      stats.addDocument(new Set(text.counts.terms));
      if (story.fingerprint !== undefined) duplicates.add(story.id, story.fingerprint);
      related.add(relatedDoc(story, text));
    },
    related: (id, k) => related.related(id, k).map((hit) => hit.id),
    get size() {
      return related.size;
    },
  };
}

function enrich(text: StoryText, stats: TermStats, opts: TextEngineOptions): Enrichment {
  return {
    summary: summarize(text.body, { sentences: opts.summarySentences, title: text.title }),
    keywords: keywordsOf(text.counts, stats, opts.keywords),
    entities: text.entities.slice(0, opts.entities),
    fingerprint: fingerprint(text.title, text.body, text.words),
  };
}

function relatedDoc(story: Story, text: StoryText) {
  return {
    id: story.id,
    title: story.title,
    body: story.body,
    entities: text.entities,
    counts: text.counts,
    ...(story.dateEstimated ? {} : { publishedAt: story.publishedAt }),
    ...(story.fingerprint === undefined ? {} : { fingerprint: story.fingerprint }),
  };
}
