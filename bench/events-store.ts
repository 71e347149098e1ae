/**
 * The event assignment through the store, against the in-memory reference, on the ECB+ dev
 * file: `node --import tsx bench/events-store.ts [file|reversed|shuffle]`. Each article is
 * upserted into a fresh in-memory SQLite store with its event features, one at a time in the
 * order asked, as the ingest does (incremental document frequencies, bounded candidates;
 * ADR 0024); `herald eval events` runs MemoryEvents (corpus-first idf, no bound; ADR 0020).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash } from '../src/domain/story-id.ts';
import type { StoryDraft } from '../src/domain/story.ts';
import { arrange, clusterEvents, scoreEvents, type ArrivalOrder } from '../src/eval/events.ts';
import { parseArticles, type LabelledArticle } from '../src/eval/related.ts';
import { openSqliteDatabase } from '../src/store/sqlite/database.ts';
import { createSqliteStoryStore } from '../src/store/sqlite/story-store.ts';
import { storyFeatures } from '../src/text/events/features.ts';
import { fingerprint } from '../src/text/fingerprint.ts';
import { evalDir } from './env.ts';

async function throughStore(articles: readonly LabelledArticle[]): Promise<Map<string, string>> {
  const stories = createSqliteStoryStore(openSqliteDatabase(':memory:'));
  const events = new Map<string, string>();
  const at = new Date(0);
  for (const [i, a] of articles.entries()) {
    const id = `a${i}`;
    const fp = fingerprint(a.title, a.body);
    const draft: StoryDraft = {
      id,
      title: a.title === '' ? '(untitled)' : a.title,
      body: a.body,
      source: 'ECB+',
      topics: [],
      publishedAt: at,
      dateEstimated: true,
      language: 'en',
      contentHash: contentHash(a.title, a.body),
      fingerprint: fp,
      keywords: [],
      entities: [],
      summary: [],
      origin: { kind: 'feed', ref: 'ecbplus' },
    };
    const features = storyFeatures({ id, title: a.title, body: a.body, fingerprint: fp });
    const { story } = await stories.upsertStory(draft, at, { event: features });
    if (story.eventId !== undefined) events.set(a.id, story.eventId);
  }
  await stories.close();
  return events;
}

const order = (process.argv[2] ?? 'file') as ArrivalOrder;
const parsed = parseArticles(readFileSync(join(evalDir(), 'ecbplus_stories.dev.jsonl'), 'utf8'));
if (!parsed.ok) throw new Error(parsed.reason);
const articles = arrange(parsed.articles, order);
const line = (name: string, events: ReadonlyMap<string, string>) => {
  const s = scoreEvents(articles, events);
  return `${name}: B-cubed F1 ${s.bcubedF1.toFixed(2)}, pairwise F1 ${s.pairF1.toFixed(2)}, ${s.events} events`;
};
process.stdout.write(`ECB+ dev, ${articles.length} articles, ${order} order\n`);
process.stdout.write(`${line('store (SQLite)', await throughStore(articles))}\n`);
process.stdout.write(`${line('MemoryEvents', clusterEvents(articles))}\n`);
