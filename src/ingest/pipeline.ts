import type { Clock } from '../domain/clock.ts';
import { garbageSchedule } from '../domain/collect-garbage.ts';
import type { Log } from '../domain/log.ts';
import type { Story } from '../domain/story.ts';
import type { StoryStore } from '../store/story-store.ts';
import { eventFeatures, settleDate, toDraft, textInput, type DraftSettings } from './draft.ts';
import type { ParsedStory, Rejection } from './parsed-story.ts';
import { announceCap, guardStart, quietBeyond, type AnnouncePolicy } from './announce-policy.ts';
import type { Enrichment, TextEngine } from '../text/engine.ts';
import {
  isPrepareFailure,
  type Prepared,
  type PreparedText,
  type PrepareFailure,
} from '../text/prepared-text.ts';

export interface IngestReport {
  added: Story[];
  updated: Story[];
  unchanged: number;
  /** New stories that repeat an earlier one: stored, never announced. */
  duplicates: { story: Story; of: string }[];
  rejected: Rejection[];
  /** New stories stored without being announced (the announce policy's cap). */
  quiet: number;
}

export interface IngestOptions {
  /** Announce at most this many of the new stories, newest first (a feed's first fetch). */
  announceLimit?: number;
  /** Which of the new stories are announced once all are stored (see announce-policy.ts). */
  announce?: AnnouncePolicy;
  /** Called after each chunk is stored: how many of the total are done. */
  onProgress?: (done: number, total: number) => void;
}

export interface PipelineDeps {
  stories: StoryStore;
  engine: TextEngine;
  clock: Clock;
  log: Log;
  settings: DraftSettings;
  /**
   * Fans new stories out to their subscribers, in order (up to 100 at a time). Must be
   * idempotent: a batch that failed part-way is announced again, whole.
   */
  announce?: (stories: readonly Story[]) => Promise<void>;
  /**
   * Assign each story to an event as it is stored (default true; ADR 0024). Only the bench
   * turns it off, to measure what it costs.
   */
  assignEvents?: boolean;
}

export interface IngestPipeline {
  ingest(parsed: readonly ParsedStory[], options?: IngestOptions): Promise<IngestReport>;
  /** Announces the stories stored as new whose fan-out is not recorded yet. */
  announcePending(): Promise<number>;
}

/** ParsedStory -> settle dates -> enrich -> near-duplicate check -> store -> index -> announce. */
export function createIngestPipeline(deps: PipelineDeps): IngestPipeline {
  // A large ingest is one long allocation burst (see collectGarbage), and so are many small
  // ones in a row (a first poll of many feeds, 20 items each): the count spans them all.
  const collect = garbageSchedule();
  const pipeline: IngestPipeline = {
    async ingest(parsed, options = {}) {
      const run: Run = {
        report: emptyReport(),
        budget: options.announceLimit ?? Number.POSITIVE_INFINITY,
        written: new Set(),
      };
      const start = await guardStart(options.announce, deps.stories);
      const progress = (done: number) => options.onProgress?.(done, parsed.length);
      const list = chunks(ordered(parsed, options), COMMIT_CHUNK);
      await ingestChunks(deps, list, run, { progress, collect });
      const cap = announceCap(options.announce, start, run.report.added.length);
      run.report.quiet = await quietBeyond(deps.stories, run.report.added, cap);
      if (run.report.quiet > 0) {
        const fields = { added: run.report.added.length, announced: cap, quiet: run.report.quiet };
        deps.log.info(fields, 'many new stories at once: only the newest are announced');
      }
      await pipeline.announcePending();
      return run.report;
    },
    announcePending: () => announcePending(deps),
  };
  return pipeline;
}

/** Stories committed together (where the store batches commits): see StoryStore.batch. */
const COMMIT_CHUNK = 100;
/** Chunks looked up and prepared ahead of the one being stored. */
const AHEAD = 3;

/** One ingest's report, its announcement budget, and the ids it stored so far. */
interface Run {
  report: IngestReport;
  budget: number;
  /** Ids stored by this ingest: looked up again when they come back (the look-ahead is older). */
  written: Set<string>;
}

/** Stores the chunks in order while the next ones are looked up and their texts prepared. */
async function ingestChunks(
  deps: PipelineDeps,
  list: readonly (readonly ParsedStory[])[],
  run: Run,
  after: { progress: (done: number) => void; collect: (done: number) => void },
): Promise<void> {
  const { progress, collect } = after;
  let done = 0;
  const ahead = list.slice(0, AHEAD).map((chunk) => lookAhead(deps, chunk));
  try {
    for (const [n, chunk] of list.entries()) {
      const looked = await (ahead.shift() as Promise<LookedUp>);
      const later = list[n + AHEAD];
      if (later !== undefined) ahead.push(lookAhead(deps, later));
      await inBatch(deps.stories, () => ingestChunk(deps, chunk, looked, run));
      // Stories stored unchanged leave little garbage: only the others count.
      collect(looked.prepared.filter((p) => p !== undefined).length);
      done += chunk.length;
      progress(done);
      // The event loop turns between chunks: commands are answered during a long ingest.
      if (list.length > 1) await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    // Look-aheads a failed ingest does not take: their failures go with them.
    for (const pending of ahead) pending.catch(() => undefined);
  }
}

function inBatch<T>(stories: StoryStore, work: () => Promise<T>): Promise<T> {
  return stories.batch === undefined ? work() : stories.batch(work);
}

/** A chunk's stories as stored when looked up ahead, and the texts prepared for those changed. */
interface LookedUp {
  stored: (Story | undefined)[];
  prepared: (Prepared | undefined)[];
}

/** Looks a chunk's items up and prepares the texts of those whose text is not stored as it is. */
async function lookAhead(deps: PipelineDeps, chunk: readonly ParsedStory[]): Promise<LookedUp> {
  const stored = await Promise.all(chunk.map((item) => deps.stories.getStory(item.id)));
  const changed = chunk.flatMap((item, i) => (sameText(item, stored[i]) ? [] : [i]));
  const texts = changed.map((i) => textInput(chunk[i] as ParsedStory, deps.settings));
  const done = texts.length === 0 ? [] : await deps.engine.prepare(texts);
  const prepared = new Array<Prepared | undefined>(chunk.length);
  changed.forEach((i, j) => (prepared[i] = done[j]));
  return { stored, prepared };
}

function sameText(
  item: ParsedStory,
  existing: Story | undefined,
): existing is Story & { fingerprint: string } {
  return (
    existing?.fingerprint !== undefined &&
    existing.title === item.title &&
    existing.body === item.body
  );
}

async function ingestChunk(
  deps: PipelineDeps,
  chunk: readonly ParsedStory[],
  looked: LookedUp,
  run: Run,
): Promise<void> {
  for (const [i, item] of chunk.entries()) {
    const existing = run.written.has(item.id)
      ? await deps.stories.getStory(item.id)
      : looked.stored[i];
    const announced = await ingestOne(deps, item, existing, looked.prepared[i], run);
    run.written.add(item.id);
    if (announced) run.budget -= 1;
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function emptyReport(): IngestReport {
  return { added: [], updated: [], unchanged: 0, duplicates: [], rejected: [], quiet: 0 };
}

/** With an announce limit, the newest items come first so they are the ones announced. */
function ordered(parsed: readonly ParsedStory[], options: IngestOptions): readonly ParsedStory[] {
  if (options.announceLimit === undefined) return parsed;
  const time = (p: ParsedStory) => p.publishedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  return [...parsed].sort((a, b) => time(b) - time(a));
}

/** Stores one item and records what happened; says whether it was queued for announcement. */
async function ingestOne(
  deps: PipelineDeps,
  item: ParsedStory,
  existing: Story | undefined,
  prepared: Prepared | undefined,
  run: Run,
): Promise<boolean> {
  const now = deps.clock.now();
  const { enrichment, text } = await reuseOrEnrich(deps, item, existing, prepared);
  if (isPrepareFailure(enrichment)) {
    const reason = `text processing failed: ${enrichment.failed}`;
    run.report.rejected.push({ ref: item.origin.ref, reason });
    deps.log.error({ storyId: item.id, ref: item.origin.ref, reason }, 'enrichment failed');
    return false;
  }
  const { maxFutureSkewMs } = deps.settings;
  const date = settleDate(item.publishedAt, now, maxFutureSkewMs, existing?.publishedAt);
  // Said once: a stored story keeps the time it was clamped to first.
  if (date.clampedFrom !== undefined && existing === undefined) {
    deps.log.warn({ storyId: item.id, given: date.clampedFrom }, 'future date clamped to now');
  }
  const draft = toDraft(item, date, enrichment, deps.settings);
  const duplicateOf =
    existing?.duplicateOf ??
    (existing ? undefined : deps.engine.findDuplicate(item.id, enrichment.fingerprint));
  if (duplicateOf !== undefined) draft.duplicateOf = duplicateOf;
  const announce = run.budget > 0 && duplicateOf === undefined;
  // A story with its event keeps it: its features are read only for one without.
  const event =
    deps.assignEvents === false || existing?.eventId !== undefined
      ? undefined
      : eventFeatures(draft, text);
  const { outcome, story } = await deps.stories.upsertStory(draft, now, {
    announce,
    ...(event === undefined ? {} : { event }),
  });
  if (outcome !== 'unchanged') deps.engine.index(story);
  record(run.report, outcome, story);
  return outcome === 'new' && announce;
}

/**
 * An unchanged text keeps its enrichment, so re-ingesting it changes nothing. A changed one
 * is enriched from the text prepared ahead, or prepared now when it was not (an id that came
 * again in this ingest, its text stored since the look-ahead).
 */
async function reuseOrEnrich(
  deps: PipelineDeps,
  item: ParsedStory,
  existing: Story | undefined,
  prepared: Prepared | undefined,
): Promise<{ enrichment: Enrichment | PrepareFailure; text?: PreparedText }> {
  if (sameText(item, existing)) {
    const { summary, keywords, entities, fingerprint, language } = existing;
    return { enrichment: { summary, keywords, entities, fingerprint, language } };
  }
  const { engine } = deps;
  const text = prepared ?? (await engine.prepare([textInput(item, deps.settings)]))[0];
  if (text === undefined) return { enrichment: { failed: 'the text engine prepared nothing' } };
  return isPrepareFailure(text) ? { enrichment: text } : { enrichment: engine.enrich(text), text };
}

function record(
  report: IngestReport,
  outcome: 'new' | 'changed' | 'unchanged',
  story: Story,
): void {
  if (outcome === 'unchanged') report.unchanged += 1;
  else if (outcome === 'changed') report.updated.push(story);
  else if (story.duplicateOf !== undefined)
    report.duplicates.push({ story, of: story.duplicateOf });
  else report.added.push(story);
}

async function announcePending(deps: PipelineDeps): Promise<number> {
  // Without a fan-out (a bare CLI ingest) the stories stay pending for the delivery to take.
  if (deps.announce === undefined) return 0;
  const announce = deps.announce;
  let total = 0;
  for (;;) {
    const batch = await deps.stories.pendingAnnouncements(100);
    if (batch.length === 0) return total;
    try {
      await announce(batch);
    } catch (err) {
      // Left pending: the next ingest (or start) announces them again.
      const ids = batch.map((story) => story.id);
      deps.log.error({ storyIds: ids, err }, 'announcement failed; will retry');
      return total;
    }
    await deps.stories.markAnnounced(batch.map((story) => story.id));
    total += batch.length;
  }
}
