import type { Clock } from '../domain/clock.ts';
import { garbageSchedule } from '../domain/collect-garbage.ts';
import type { Log } from '../domain/log.ts';
import type { Story } from '../domain/story.ts';
import type { StoryStore } from '../store/story-store.ts';
import { settleDate, toDraft, type DraftSettings } from './draft.ts';
import type { ParsedStory, Rejection } from './parsed-story.ts';
import type { Enrichment, TextEngine } from './text-engine.ts';

export interface IngestReport {
  added: Story[];
  updated: Story[];
  unchanged: number;
  /** New stories that repeat an earlier one: stored, never announced. */
  duplicates: { story: Story; of: string }[];
  rejected: Rejection[];
}

export interface IngestOptions {
  /** Announce at most this many of the new stories, newest first (a feed's first fetch). */
  announceLimit?: number;
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
}

export interface IngestPipeline {
  ingest(parsed: readonly ParsedStory[], options?: IngestOptions): Promise<IngestReport>;
  /** Announces the stories stored as new whose fan-out is not recorded yet. */
  announcePending(): Promise<number>;
}

/** ParsedStory -> settle dates -> enrich -> near-duplicate check -> store -> index -> announce. */
export function createIngestPipeline(deps: PipelineDeps): IngestPipeline {
  const pipeline: IngestPipeline = {
    async ingest(parsed, options = {}) {
      const report = emptyReport();
      let budget = options.announceLimit ?? Number.POSITIVE_INFINITY;
      const list = chunks(ordered(parsed, options), COMMIT_CHUNK);
      // A large ingest is one long allocation burst: see collectGarbage.
      const collect = garbageSchedule();
      // An ingest of more than one chunk has the engine's worker prepare the texts ahead (one
      // run per RUN_CHUNKS chunks: their texts are copied to the worker at once). One chunk
      // (a feed poll's worth) stays on this thread.
      let ahead: Ahead | undefined;
      // What the store holds of the items looked up ahead (for the worker), until each is taken.
      const known: Known = new Map();
      // The worker thread starts while the first run's stories are looked up.
      if (list.length > 1) deps.engine.warmUp?.();
      try {
        for (const [n, chunk] of list.entries()) {
          if (list.length > 1 && n % RUN_CHUNKS === 0) {
            ahead?.end();
            ahead = await prepareAhead(deps, list.slice(n, n + RUN_CHUNKS), known);
          }
          await inBatch(deps.stories, async () => {
            for (const item of chunk) {
              ahead?.take(item);
              const announced = await ingestOne(deps, item, budget > 0, report, known);
              if (announced) budget -= 1;
            }
          });
          collect(chunk.length);
          // The event loop turns between chunks: the worker starts, commands are answered.
          if (list.length > 1) await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        ahead?.end();
      }
      await pipeline.announcePending();
      return report;
    },
    announcePending: () => announcePending(deps),
  };
  return pipeline;
}

/** Stories committed together (where the store batches commits): see StoryStore.batch. */
const COMMIT_CHUNK = 100;
/** Chunks whose texts one run of the worker is given (see `TextEngine.prepareAhead`). */
const RUN_CHUNKS = 10;

function inBatch<T>(stories: StoryStore, work: () => Promise<T>): Promise<T> {
  return stories.batch === undefined ? work() : stories.batch(work);
}

/** A worker run over some chunks: `take` each item just before ingesting it. */
interface Ahead {
  take(item: ParsedStory): void;
  end(): void;
}

/** Starts the worker on the items of `chunks` whose text is not stored as it is. */
async function prepareAhead(
  deps: PipelineDeps,
  chunks: readonly (readonly ParsedStory[])[],
  known: Known,
): Promise<Ahead | undefined> {
  if (deps.engine.prepareAhead === undefined) return undefined;
  const items: ParsedStory[] = [];
  for (const chunk of chunks) items.push(...(await toPrepare(deps, chunk, known)));
  if (items.length === 0) return undefined;
  const run = await deps.engine.prepareAhead(items);
  const index = new Map(items.map((item, i) => [item, i]));
  return {
    take(item) {
      const i = index.get(item);
      if (i !== undefined) run.take(i);
    },
    end: () => {
      run.end();
    },
  };
}

/**
 * Stories as the store held them when looked up ahead, by id. Each is taken (and forgotten)
 * when its item is ingested: an id that comes again in the same ingest is looked up afresh.
 */
type Known = Map<string, Story | undefined>;

/** The items of a chunk whose text is not stored as it is: those `ingestOne` will enrich. */
async function toPrepare(
  deps: PipelineDeps,
  chunk: readonly ParsedStory[],
  known: Known,
): Promise<ParsedStory[]> {
  const stored = await Promise.all(chunk.map((item) => deps.stories.getStory(item.id)));
  chunk.forEach((item, i) => known.set(item.id, stored[i]));
  return chunk.filter((item, i) => !sameText(item, stored[i]));
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

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function emptyReport(): IngestReport {
  return { added: [], updated: [], unchanged: 0, duplicates: [], rejected: [] };
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
  mayAnnounce: boolean,
  report: IngestReport,
  known: Known,
): Promise<boolean> {
  const now = deps.clock.now();
  const existing = known.has(item.id) ? known.get(item.id) : await deps.stories.getStory(item.id);
  known.delete(item.id);
  let enrichment: Enrichment;
  try {
    enrichment = reuseOrEnrich(deps.engine, item, existing);
  } catch (err) {
    report.rejected.push({
      ref: item.origin.ref,
      reason: `text processing failed: ${String(err)}`,
    });
    deps.log.error({ storyId: item.id, ref: item.origin.ref, err }, 'enrichment failed');
    return false;
  }
  const date = settleDate(item.publishedAt, now, deps.settings.maxFutureSkewMs);
  if (date.clampedFrom !== undefined) {
    deps.log.warn({ storyId: item.id, given: date.clampedFrom }, 'future date clamped to now');
  }
  const draft = toDraft(item, date, enrichment, deps.settings);
  const duplicateOf =
    existing?.duplicateOf ??
    (existing ? undefined : deps.engine.findDuplicate(item.id, enrichment.fingerprint));
  if (duplicateOf !== undefined) draft.duplicateOf = duplicateOf;
  const announce = mayAnnounce && duplicateOf === undefined;
  const { outcome, story } = await deps.stories.upsertStory(draft, now, { announce });
  if (outcome !== 'unchanged') deps.engine.index(story);
  record(report, outcome, story);
  return outcome === 'new' && announce;
}

/** An unchanged text keeps its enrichment, so re-ingesting it changes nothing. */
function reuseOrEnrich(
  engine: TextEngine,
  item: ParsedStory,
  existing: Story | undefined,
): Enrichment {
  if (sameText(item, existing)) {
    const { summary, keywords, entities, fingerprint } = existing;
    return { summary, keywords, entities, fingerprint };
  }
  return engine.enrich({ title: item.title, body: item.body });
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
