import type { Clock } from '../../domain/clock.ts';
import type { Log } from '../../domain/log.ts';
import type { FeedState, FeedStateStore } from '../../store/feed-state-store.ts';
import type { StoryStore } from '../../store/story-store.ts';
import type { ParsedStory, Rejection } from '../parsed-story.ts';
import { decodeBody } from './decode.ts';
import { afterFailure, afterNotModified, afterSuccess, isDue, newFeedState } from './feed-state.ts';
import { afterFetchFailure, resumeHint, type FetchFailure } from './publisher-signals.ts';
import type { Fetcher } from './fetch.ts';
import { fetchFullText } from './full-text.ts';
import { parseFeedText } from './parse.ts';
import { everyMs, type FeedSource } from './sources.ts';
import { feedToStories } from './to-stories.ts';

/** What one poll of one feed yields; the pipeline stores, dedupes and announces. */
export interface FeedPollResult {
  feedUrl: string;
  /** Newest first (undated last). On a first fetch the pipeline announces only the newest N. */
  stories: ParsedStory[];
  rejected: Rejection[];
  firstFetch: boolean;
  notModified: boolean;
  /** Why the feed failed (or was only partly read, as a truncated feed). */
  error?: string;
  /** Repairs made on the way (DOCTYPE removed, truncation, full text not found). */
  warnings: string[];
}

/** The slice of the logger the feeds use. */

export interface PollDeps {
  stateStore: FeedStateStore;
  fetcher: Fetcher;
  clock: Clock;
  log?: Log;
  /** Feeds polled at the same time (the fetcher limits each host further). Default 8. */
  concurrency?: number;
  /** Full-text pages fetched per feed and poll, newest items first. Default 10. */
  fullTextLimit?: number;
  /**
   * The stories stored so far: a full-text feed's item already stored keeps its stored body,
   * its page is never fetched again. Without it every item's page is fetched.
   */
  stories?: Pick<StoryStore, 'getStory'>;
  /** A feed answering 404 this long is stopped (FEEDS_STOP_AFTER_404_HOURS); unset: never. */
  stopAfterNotFoundMs?: number;
  /** Called as each feed's poll ends: how many of this round's feeds are done. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Takes each feed's result as its poll ends (the app ingests it then), before the feed's new
   * state is saved (a failed ingest leaves the old validators: the items are fetched again). The
   * poller waits for it before its next feed, so a round holds a few feeds' items at once, not
   * every feed's (a first fetch of 10,000 feeds is 200,000 items); the results returned then
   * keep the stories of failed polls only. When it throws, so does the poll.
   */
  onResult?: (result: FeedPollResult) => Promise<void>;
}

/** Polls every feed that is due, a few at a time; a failing feed never delays the others. */
export async function pollDueFeeds(
  sources: FeedSource[],
  deps: PollDeps,
): Promise<FeedPollResult[]> {
  const now = deps.clock.now();
  const due: FeedSource[] = [];
  for (const source of sources) {
    if (isDue(await deps.stateStore.getFeedState(source.url), now)) due.push(source);
  }
  return pollEach(due, deps);
}

/** Polls the feeds given, a few at a time (PollDeps.concurrency); a slow one delays no other. */
export async function pollEach(
  sources: readonly FeedSource[],
  deps: PollDeps,
): Promise<FeedPollResult[]> {
  const results: FeedPollResult[] = [];
  const queue = [...sources];
  const worker = async () => {
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
      const result = await pollFeed(s, deps);
      // Handed to onResult already (see record): keep the outcome, not the stories.
      const handed = deps.onResult !== undefined && result.error === undefined;
      results.push(handed ? { ...result, stories: [] } : result);
      deps.onProgress?.(results.length, sources.length);
    }
  };
  const workers = Math.min(deps.concurrency ?? 8, sources.length);
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

/**
 * Fetches, parses and converts one feed, hands the result to `onResult` and records its new
 * state. Throws only what `onResult` throws (the feed's state then stays as it was).
 */
export async function pollFeed(source: FeedSource, deps: PollDeps): Promise<FeedPollResult> {
  const state = (await deps.stateStore.getFeedState(source.url)) ?? newFeedState(source.url);
  let outcome: Outcome;
  try {
    outcome = await fetchAndParse(source, state, deps);
  } catch (err) {
    outcome = {
      kind: 'failed',
      reason: `unexpected: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  const result = await record(source, state, outcome, deps);
  logResult(result, deps.log);
  return result;
}

type Outcome =
  | { kind: 'not-modified' }
  | ({ kind: 'failed' } & FetchFailure)
  | {
      kind: 'parsed';
      stories: ParsedStory[];
      rejected: Rejection[];
      warnings: string[];
      etag?: string;
      lastModified?: string;
    };

async function fetchAndParse(
  source: FeedSource,
  state: FeedState,
  deps: PollDeps,
): Promise<Outcome> {
  const request = { url: source.url, ...validators(state) };
  const res = await deps.fetcher(request);
  if (res.kind !== 'ok') return res;
  const parsed = parseFeedText(decodeBody(res.body, res.contentType).text);
  if (!parsed.ok) return { kind: 'failed', reason: parsed.reason };
  const defaults = {
    feedUrl: source.url,
    topics: source.topics,
    ...(source.name ? { name: source.name } : {}),
  };
  const items = feedToStories(parsed.feed, defaults);
  const warnings = [...parsed.feed.warnings];
  if (source.fullText) warnings.push(...(await addFullText(items.stories, deps)));
  return { kind: 'parsed', ...items, warnings, ...validators(res) };
}

function validators(from: { etag?: string; lastModified?: string }) {
  return {
    ...(from.etag === undefined ? {} : { etag: from.etag }),
    ...(from.lastModified === undefined ? {} : { lastModified: from.lastModified }),
  };
}

/**
 * Replaces teaser bodies with the page's main text, for up to `fullTextLimit` new items
 * (newest first); a page that fails keeps its teaser. An item already stored keeps the body
 * stored for it: its page is never fetched again.
 */
async function addFullText(stories: ParsedStory[], deps: PollDeps): Promise<string[]> {
  const warnings: string[] = [];
  let budget = deps.fullTextLimit ?? 10;
  for (const story of stories) {
    if (story.url === undefined) continue;
    const stored = await deps.stories?.getStory(story.id);
    if (stored !== undefined) story.body = stored.body;
    if (stored !== undefined || budget <= 0) continue;
    budget -= 1;
    const full = await fetchFullText(deps.fetcher, story.url);
    if (full.ok) story.body = full.paragraphs.join('\n\n');
    else warnings.push(`full text of ${story.url}: ${full.reason}`);
  }
  return warnings;
}

/**
 * The poll's result and the feed's next state. The result goes to `onResult` (the ingest)
 * before the state is saved: an ingest that fails leaves the feed's old validators, so its
 * next poll fetches the items again instead of hearing 304 for items never stored.
 */
async function record(
  source: FeedSource,
  state: FeedState,
  o: Outcome,
  deps: PollDeps,
): Promise<FeedPollResult> {
  const { result, next } = outcomeOf(source, state, o, deps);
  await deps.onResult?.(result);
  await deps.stateStore.saveFeedState(next);
  return result;
}

function outcomeOf(
  source: FeedSource,
  state: FeedState,
  o: Outcome,
  deps: PollDeps,
): { result: FeedPollResult; next: FeedState } {
  const now = deps.clock.now();
  const pace = everyMs(source);
  const base = {
    feedUrl: source.url,
    firstFetch: false,
    notModified: false,
    stories: [],
    rejected: [],
    warnings: [],
  };
  switch (o.kind) {
    case 'not-modified':
      return { result: { ...base, notModified: true }, next: afterNotModified(state, now, pace) };
    case 'failed': {
      const next = afterFetchFailure(state, o, now, deps.stopAfterNotFoundMs);
      const stop = next.stoppedReason;
      const error = stop === undefined ? next.lastError : `${stop}; ${resumeHint(source.url)}`;
      return { result: { ...base, error: error ?? o.reason }, next };
    }
    case 'parsed':
      return parsedOutcome(state, o, now, pace);
  }
}

function parsedOutcome(
  state: FeedState,
  o: Extract<Outcome, { kind: 'parsed' }>,
  now: Date,
  pace: number | undefined,
): { result: FeedPollResult; next: FeedState } {
  const truncated = o.warnings.find((w) => w.includes('truncated'));
  const items = o.stories.length;
  const next =
    truncated === undefined
      ? afterSuccess(state, { etag: o.etag, lastModified: o.lastModified, items }, now, pace)
      : afterFailure(state, truncated, now, items);
  const result: FeedPollResult = {
    feedUrl: state.url,
    stories: o.stories,
    rejected: o.rejected,
    firstFetch: !state.firstFetchDone && items > 0,
    notModified: false,
    warnings: o.warnings,
  };
  if (truncated !== undefined) result.error = truncated;
  return { result, next };
}

function logResult(r: FeedPollResult, log: Log | undefined): void {
  const fields = { feedUrl: r.feedUrl, stories: r.stories.length, rejected: r.rejected.length };
  if (r.error !== undefined) log?.warn({ ...fields, err: r.error }, 'feed failed');
  else
    log?.info({ ...fields, notModified: r.notModified, firstFetch: r.firstFetch }, 'feed polled');
}
