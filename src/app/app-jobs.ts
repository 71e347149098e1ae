import type { Clock } from '../domain/clock.ts';
import type { Log } from '../domain/log.ts';
import type { Dispatcher, DispatchTally } from '../delivery/dispatcher.ts';
import type { FeedOutcome } from '../delivery/feed-alerts.ts';
import type { AnnouncePolicy } from '../ingest/announce-policy.ts';
import { ingestContentFolder } from '../ingest/content-ingest.ts';
import type { FeedPollResult } from '../ingest/feeds/poll.ts';
import type { IngestOptions, IngestPipeline, IngestReport } from '../ingest/pipeline.ts';
import type { FeedHealthStore } from '../store/feed-health-store.ts';
import type { OutboxStore } from '../store/outbox-store.ts';
import type { Config } from './config.ts';
import type { IngestCounts, Metrics } from './metrics.ts';

/** What the ingest jobs need. */
export interface IngestJobDeps {
  pipeline: IngestPipeline;
  metrics: Metrics;
  log: Log;
}

export function countsOf(report: IngestReport): IngestCounts {
  return {
    added: report.added.length,
    updated: report.updated.length,
    unchanged: report.unchanged,
    duplicates: report.duplicates.length,
    rejected: report.rejected.length,
  };
}

/** The content ingest's default: the flood guard of CONTENT_FIRST_ANNOUNCE and its threshold. */
export function guardedPolicy(content: Config['content']): AnnouncePolicy {
  return { kind: 'guarded', newest: content.firstAnnounce, above: content.floodThreshold };
}

/** One pass over the content folder; rejected files are logged by name and reason. */
export async function ingestContent(
  deps: IngestJobDeps,
  dir: string,
  options: IngestOptions = {},
): Promise<IngestCounts> {
  const report = await ingestContentFolder(deps.pipeline, dir, options);
  const counts = countsOf(report);
  deps.metrics.recordIngest(counts);
  for (const r of report.rejected) deps.log.warn({ ref: r.ref, reason: r.reason }, 'rejected');
  deps.log.info({ dir, ...counts, quiet: report.quiet }, 'content folder ingested');
  return counts;
}

/**
 * Stores feeds' poll results, one feed at a time in the order taken, as each poll ends; a
 * feed's first fetch announces only its newest items. `finish` logs and returns the totals.
 */
export function createFeedIngest(deps: IngestJobDeps, firstFetchAnnounce: number) {
  const total: IngestCounts = { added: 0, updated: 0, unchanged: 0, duplicates: 0, rejected: 0 };
  let feeds = 0;
  let chain: Promise<void> = Promise.resolve();
  const ingestOne = async (result: FeedPollResult) => {
    const options = result.firstFetch ? { announceLimit: firstFetchAnnounce } : {};
    const counts = countsOf(await deps.pipeline.ingest(result.stories, options));
    counts.rejected += result.rejected.length;
    deps.metrics.recordIngest(counts);
    for (const key of Object.keys(total) as (keyof IngestCounts)[]) total[key] += counts[key];
    if (result.error !== undefined) {
      deps.log.warn({ feed: result.feedUrl, error: result.error }, 'feed poll failed');
    }
    feeds += 1;
  };
  return {
    /** Ingests a feed's result after those taken before it (one ingest at a time). */
    take: (result: FeedPollResult): Promise<void> => (chain = chain.then(() => ingestOne(result))),
    finish(): IngestCounts {
      if (feeds > 0) deps.log.info({ feeds, ...total }, 'feeds polled');
      return total;
    },
  };
}

/** Stores what a feeds poll yielded (all feeds polled first: `herald feeds poll`). */
export async function ingestFeeds(
  deps: IngestJobDeps,
  results: readonly FeedPollResult[],
  firstFetchAnnounce: number,
): Promise<IngestCounts> {
  const ingest = createFeedIngest(deps, firstFetchAnnounce);
  for (const result of results) await ingest.take(result);
  return ingest.finish();
}

/** Each polled feed's outcome, for the metrics and the operators' alerts. */
export function feedOutcomes(results: readonly FeedPollResult[]): FeedOutcome[] {
  return results.map((r) => {
    // A feed read only in part (truncated) still worked; a failure is an error with nothing read.
    const failed = r.error !== undefined && r.stories.length === 0 && !r.notModified;
    const outcome = failed ? 'failed' : r.notModified ? 'not_modified' : 'ok';
    return { feedUrl: r.feedUrl, outcome, ...(r.error === undefined ? {} : { error: r.error }) };
  });
}

/** Counts each feed's outcome and tells the operators about feeds failing or recovered. */
export async function observeFeeds(
  results: readonly FeedPollResult[],
  deps: { metrics: Metrics; alertFeeds: (outcomes: readonly FeedOutcome[]) => Promise<void> },
): Promise<void> {
  const outcomes = feedOutcomes(results);
  deps.metrics.recordFeedPolls(outcomes);
  await deps.alertFeeds(outcomes);
}

/** Seconds since each feed last worked (the metrics read it at each scrape). */
export async function successAges(
  store: Pick<FeedHealthStore, 'allFeedHealth'>,
  clock: Clock,
): Promise<Record<string, number>> {
  const now = clock.now().getTime();
  const ages: Record<string, number> = {};
  for (const health of await store.allFeedHealth()) {
    if (health.lastSuccessAt !== undefined) {
      ages[health.url] = Math.max(0, (now - health.lastSuccessAt.getTime()) / 1000);
    }
  }
  return ages;
}

export interface DispatchUntilIdleDeps {
  dispatcher: Dispatcher;
  outbox: Pick<OutboxStore, 'nextDueAt'>;
  clock: Clock;
  /** Safety bound on passes (each pass already sends everything due). */
  maxPasses?: number;
}

/** Dispatch passes until the outbox holds nothing due now (later retries stay for later). */
export async function dispatchUntilIdle(deps: DispatchUntilIdleDeps): Promise<DispatchTally> {
  const total: DispatchTally = { sent: 0, retried: 0, failed: 0, rejected: 0, invalid: 0, dead: 0 };
  const maxPasses = deps.maxPasses ?? 100;
  for (let pass = 0; pass < maxPasses; pass += 1) {
    const tally = await deps.dispatcher.runOnce();
    for (const key of Object.keys(total) as (keyof DispatchTally)[]) total[key] += tally[key];
    const next = await deps.outbox.nextDueAt();
    if (next === undefined || next.getTime() > deps.clock.now().getTime()) return total;
  }
  return total;
}
