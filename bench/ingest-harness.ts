/**
 * The whole ingest as the app runs it, on a SQLite file: feed-like raw text is cleaned (the
 * cleaner the feeds use), then the pipeline settles dates, enriches (summary, keywords,
 * entities, fingerprint), checks near-duplicates, commits to the store, indexes the story
 * (term stats, near-duplicate and related indexes) and announces it through the fan-out.
 */
import { createFanOut } from '../src/delivery/fan-out.ts';
import { systemClock } from '../src/domain/clock.ts';
import { silentLog } from '../src/domain/log.ts';
import { storyIdFromUrl } from '../src/domain/story-id.ts';
import type { ParsedStory } from '../src/ingest/parsed-story.ts';
import { createIngestPipeline, type IngestPipeline } from '../src/ingest/pipeline.ts';
import { openStore, type OpenedStore } from '../src/store/open-store.ts';
import {
  cleanParagraphs,
  linesToParagraphs,
  normalizeLine,
  normalizeText,
} from '../src/text/clean.ts';
import { createTextEngine, type TextEngine } from '../src/text/engine.ts';
import { inThread } from '../src/text/prepared-text.ts';
import { createThreadedPreparer } from '../src/app/threaded-preparer.ts';
import type { RawStory } from './generate.ts';

export interface IngestRig {
  store: OpenedStore;
  engine: TextEngine;
  pipeline: IngestPipeline;
}

/**
 * `textThread`: prepare texts in a thread of their own, as the app does on more than one core
 * (HERALD_BENCH_TEXT_THREAD=0 turns it off, to measure what it buys). `assignEvents`: assign
 * each story to an event as the app does (HERALD_BENCH_EVENTS=0 turns it off, to measure what
 * it costs; ADR 0024).
 */
export async function openIngestRig(
  path: string,
  textThread = process.env.HERALD_BENCH_TEXT_THREAD !== '0',
  assignEvents = process.env.HERALD_BENCH_EVENTS !== '0',
): Promise<IngestRig> {
  const store = await openStore({ kind: 'sqlite', path });
  const engine = createTextEngine({
    preparer: textThread ? createThreadedPreparer() : inThread,
  });
  const fanOut = createFanOut({
    subscriptions: store.subscriptions,
    outbox: store.outbox,
    clock: systemClock,
    digestTimezone: 'UTC',
  });
  const pipeline = createIngestPipeline({
    stories: store.stories,
    engine,
    clock: systemClock,
    log: silentLog,
    settings: { sourceName: 'Bench News', language: 'en', maxFutureSkewMs: 3_600_000 },
    assignEvents,
    announce: async (stories) => {
      await fanOut.enqueueStories(stories);
    },
  });
  return { store, engine, pipeline };
}

/** A raw item through the feeds' cleaner, as a feed poll hands it to the pipeline. */
export function cleanRaw(raw: RawStory): ParsedStory {
  const paragraphs = cleanParagraphs(linesToParagraphs(normalizeText(raw.body)));
  return {
    id: storyIdFromUrl(raw.url),
    title: normalizeLine(raw.title),
    body: paragraphs.join('\n\n'),
    url: raw.url,
    topics: raw.topics,
    publishedAt: raw.publishedAt,
    origin: { kind: 'feed', ref: 'https://news.example/feed.xml' },
  };
}

export interface IngestTally {
  stories: number;
  added: number;
  duplicates: number;
  rejected: number;
  seconds: number;
}

/** Items per ingest call in the bench: a feed poll's worth. */
export const INGEST_BATCH = 500;

/**
 * Ingests the stories in batches (a feed poll's worth each), cleaning included; calls
 * `between` after each batch, outside the timed span (for measuring at a given size).
 */
export async function ingestAll(
  rig: IngestRig,
  source: Iterable<RawStory>,
  batchSize: number,
  between?: (done: number) => Promise<void> | void,
): Promise<IngestTally> {
  const tally: IngestTally = { stories: 0, added: 0, duplicates: 0, rejected: 0, seconds: 0 };
  let batch: RawStory[] = [];
  const flush = async () => {
    const started = process.hrtime.bigint();
    const report = await rig.pipeline.ingest(batch.map(cleanRaw));
    tally.seconds += Number(process.hrtime.bigint() - started) / 1e9;
    tally.stories += batch.length;
    tally.added += report.added.length;
    tally.duplicates += report.duplicates.length;
    tally.rejected += report.rejected.length;
    batch = [];
    await between?.(tally.stories);
  };
  for (const raw of source) {
    batch.push(raw);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  return tally;
}
