import { toCard, type Reply } from '../../src/domain/reply.ts';
import { createManualClock } from '../../src/domain/clock.ts';
import { silentLog } from '../../src/domain/log.ts';
import { createIngestPipeline, type IngestPipeline } from '../../src/ingest/pipeline.ts';
import type { ParsedStory } from '../../src/ingest/parsed-story.ts';
import { openStore, type OpenedStore } from '../../src/store/open-store.ts';
import { cleanTitle } from '../../src/ingest/feeds/item-fields.ts';
import { cleanParagraphs, linesToParagraphs, normalizeText } from '../../src/text/clean.ts';
import { createTextEngine, type TextEngine } from '../../src/text/engine.ts';
import type { Verdict } from './hostile-harness.ts';
import { asText, type Input } from './hostile-inputs.ts';
import { rendererProblems } from './hostile-renderers.ts';

/**
 * Hostile story text through the pipeline (enrichment, near-duplicates, the SQLite store, the
 * related index, search) and then through every renderer, as a broadcast and as replies.
 */
interface Rig {
  store: OpenedStore;
  engine: TextEngine;
  pipeline: IngestPipeline;
}

let rig: Rig | undefined;
let counter = 0;

async function getRig(): Promise<Rig> {
  if (rig !== undefined) return rig;
  const store = await openStore({ kind: 'sqlite', path: ':memory:' });
  const engine = createTextEngine();
  const pipeline = createIngestPipeline({
    stories: store.stories,
    engine,
    clock: createManualClock(new Date('2025-07-03T12:00:00Z')),
    log: silentLog,
    settings: { sourceName: 'Herald', language: 'en', maxFutureSkewMs: 86_400_000 },
  });
  rig = { store, engine, pipeline };
  return rig;
}

const ORDINARY_BODY =
  'The talks resumed in Geneva on Monday. Delegates from both sides said progress was slow.\n\n' +
  'A second round is planned for next week, officials said.';

function parsedStory(title: string, body: string, text: string): ParsedStory {
  counter += 1;
  return {
    id: `hostile-${counter}`,
    title,
    body,
    source: text.slice(0, 300),
    topics: [text.slice(0, 50), 'world'],
    url: `https://news.example/hostile/${counter}?q=${encodeURIComponent(text.slice(0, 100).replace(/[\uD800-\uDFFF]/g, ''))}`,
    imageUrl: `https://news.example/img/${counter}.jpg`,
    origin: { kind: 'feed', ref: 'https://news.example/feed.xml' },
  };
}

function replies(text: string, cards: Reply & { kind: 'card' }): Reply[] {
  return [
    cards,
    { kind: 'card', card: { ...cards.card, summary: [] }, heading: text.slice(0, 300) },
    {
      kind: 'cards',
      heading: text.slice(0, 300),
      cards: [cards.card, cards.card],
      footer: text.slice(0, 500),
    },
    { kind: 'notice', text: `You said: ${text.slice(0, 3_400)}` },
    { kind: 'error', text: text.slice(0, 1_000), usage: text.slice(0, 200) },
  ];
}

async function throughPipeline(title: string, body: string, text: string): Promise<Verdict> {
  const { pipeline, store, engine } = await getRig();
  const item = parsedStory(title, body, text);
  const report = await pipeline.ingest([item]);
  if (report.rejected.length > 0)
    return { rejected: report.rejected.map((r) => r.reason).join('; '), problems: [] };
  const story = await store.stories.getStory(item.id);
  if (story === undefined) return { problems: ['the story was not stored'] };
  engine.related(story.id, 5);
  await store.stories.searchStories(text.slice(0, 200), 5);
  const card: Reply & { kind: 'card' } = { kind: 'card', card: toCard(story, 1) };
  return { problems: replies(text, card).flatMap(rendererProblems) };
}

/** As a feed item's title and text reach the pipeline: through the sources' own cleaners. */
function cleaned(title: string, body: string, text: string): Promise<Verdict> | Verdict {
  const line = cleanTitle(title);
  if (line === '') return { rejected: 'the item has no title and no link', problems: [] };
  const paragraphs = cleanParagraphs(linesToParagraphs(normalizeText(body)));
  return throughPipeline(line, paragraphs.join('\n\n'), cleanTitle(text) || 'x');
}

export const STORY_TARGETS = {
  'story-title': (i: Input) => cleaned(asText(i), ORDINARY_BODY, asText(i)),
  'story-body': (i: Input) => cleaned('An ordinary title', asText(i), asText(i)),
  /** Uncleaned, as if a source forgot: the renderers' own defences alone. */
  'story-raw': (i: Input) => throughPipeline(asText(i), `${asText(i)}\n\n${asText(i)}`, asText(i)),
};
