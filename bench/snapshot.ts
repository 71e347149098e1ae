/**
 * A hash of everything the ingest derives, to show that a change to the text engine or the
 * pipeline changes no result: `npm run snapshot [-- --stories N] [-- --text-thread off]`.
 *
 * Ingests the BBC dev file (read at run time from HERALD_EVAL_DIR, never copied here) and N
 * generated stories (3,000 unless told) into a fresh SQLite file, at a fixed clock; then
 * the first 1,000 generated again with every seventh body edited and one id twice (changed
 * stories, an id repeated in one ingest), then one small ingest (a feed poll). Hashes the
 * ingest reports, every stored story (cleaned text, summary, keywords, names, fingerprint,
 * content hash, topics, dates, duplicate of), the related lists of the engine that ingested
 * and of one rebuilt from the store, and full-text searches. Prints one JSON object: a hash
 * per part and one of all.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createEngineFromStore } from '../src/app/text-engine.ts';
import { createThreadedPreparer } from '../src/app/threaded-preparer.ts';
import { createManualClock } from '../src/domain/clock.ts';
import { silentLog } from '../src/domain/log.ts';
import type { Story } from '../src/domain/story.ts';
import { createIngestPipeline, type IngestReport } from '../src/ingest/pipeline.ts';
import { openStore } from '../src/store/open-store.ts';
import { createTextEngine, type TextEngine } from '../src/text/engine.ts';
import { inThread } from '../src/text/prepared-text.ts';
import { readBbc } from './env.ts';
import { generateStories, type RawStory } from './generate.ts';
import { bbcRaw } from './ingest.ts';
import { cleanRaw } from './ingest-harness.ts';

const { values } = parseArgs({
  options: {
    stories: { type: 'string', default: '3000' },
    'text-thread': { type: 'string', default: 'on' },
  },
});

/** The engine under test: the one line to adapt when snapshotting older code. */
function engineFor(textThread: boolean): TextEngine {
  return createTextEngine({ preparer: textThread ? createThreadedPreparer() : inThread });
}

const T0 = new Date(Date.UTC(2026, 0, 1));
const SETTINGS = { sourceName: 'Snapshot News', language: 'en', maxFutureSkewMs: 3_600_000 };

function edited(raws: readonly RawStory[]): RawStory[] {
  const out = raws.map((raw, i) =>
    i % 7 === 3 ? { ...raw, body: `${raw.body}\n\nEdit ${i}.` } : raw,
  );
  const twice = raws[10];
  if (twice !== undefined) out.splice(400, 0, { ...twice, body: `${twice.body}\n\nLater.` });
  return out;
}

function reportFacts(report: IngestReport) {
  return {
    added: report.added.map((s) => s.id),
    updated: report.updated.map((s) => s.id),
    unchanged: report.unchanged,
    duplicates: report.duplicates.map((d) => [d.story.id, d.of]),
    rejected: report.rejected,
  };
}

function storyFacts(story: Story) {
  const { ingestedAt: _i, updatedAt: _u, ...derived } = story;
  return derived;
}

async function allStories(store: Awaited<ReturnType<typeof openStore>>): Promise<Story[]> {
  const out: Story[] = [];
  for (let after = 0; ;) {
    const page = await store.stories.allStories(after, 500);
    if (page.stories.length === 0) return out;
    out.push(...page.stories);
    after = page.lastRowId;
  }
}

/** Two longer words of every 25th title, and a few fixed words. */
function queries(stories: readonly Story[]): string[] {
  const fromTitles = stories
    .filter((_, i) => i % 25 === 0)
    .map((s) =>
      s.title
        .toLowerCase()
        .split(/\W+/)
        .filter((w) => w.length > 4)
        .slice(0, 2)
        .join(' '),
    );
  return [...fromTitles.filter((q) => q !== ''), 'government', 'market shares', 'election'];
}

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

async function snapshot(dir: string, count: number, textThread: boolean) {
  const store = await openStore({ kind: 'sqlite', path: join(dir, 'herald.db') });
  const engine = engineFor(textThread);
  const clock = createManualClock(T0.getTime());
  const pipeline = createIngestPipeline({
    stories: store.stories,
    engine,
    clock,
    log: silentLog,
    settings: SETTINGS,
  });
  const generated = [...generateStories(count)];
  const bbc = bbcRaw(readBbc().articles ?? []);
  const batches = [
    ...[0, 500, 1000].map((at) => bbc.slice(at, at + 500)),
    ...Array.from({ length: Math.ceil(count / 500) }, (_, i) =>
      generated.slice(i * 500, i * 500 + 500),
    ),
    edited(generated.slice(0, 1000)),
    edited(generated.slice(1000, 1030)).map((raw) => ({ ...raw, title: `${raw.title} (update)` })),
  ];
  const reports = [];
  for (const batch of batches.filter((b) => b.length > 0)) {
    reports.push(reportFacts(await pipeline.ingest(batch.map(cleanRaw))));
    clock.advance(60_000);
  }
  const stories = await allStories(store);
  const rebuilt = await createEngineFromStore(store.stories);
  const searches = [];
  for (const q of queries(stories)) {
    searches.push((await store.stories.searchStories(q, 10)).map((hit) => hit.story.id));
  }
  const parts = {
    reports: hash(reports),
    stories: hash(stories.map(storyFacts)),
    related: hash(stories.map((s) => engine.related(s.id, 10))),
    rebuilt: hash(stories.map((s) => rebuilt.related(s.id, 10))),
    search: hash(searches),
  };
  await engine.close();
  await store.close();
  return { bbc: bbc.length, generated: count, stored: stories.length, parts, all: hash(parts) };
}

const dir = mkdtempSync(join(tmpdir(), 'herald-snapshot-'));
try {
  const result = await snapshot(dir, Number(values.stories), values['text-thread'] !== 'off');
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
