import type { FeedState } from '../../store/feed-state-store.ts';

/** The first retry waits this long; each further failure doubles it, up to a day. */
const BACKOFF_BASE_MS = 10 * 60_000;
const BACKOFF_MAX_MS = 24 * 3_600_000;
/** A feed's own pace is met a minute early, so a 30m feed is not pushed to the next tick. */
const PACE_SLACK_MS = 60_000;

export function newFeedState(url: string): FeedState {
  return { url, consecutiveFailures: 0, firstFetchDone: false, itemsSeen: 0 };
}

/** Due when it is not stopped and has no next attempt or that time has come. */
export function isDue(state: FeedState | undefined, now: Date): boolean {
  if (state?.stoppedAt !== undefined) return false;
  return state?.nextAttemptAt === undefined || state.nextAttemptAt.getTime() <= now.getTime();
}

/** 10 min, 20, 40, ... capped at 24 h: for the n-th failure in a row (n >= 1). */
export function backoffMs(failures: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1), BACKOFF_MAX_MS);
}

function paced(now: Date, everyMs: number | undefined): Date | undefined {
  return everyMs === undefined ? undefined : new Date(now.getTime() + everyMs - PACE_SLACK_MS);
}

export interface Fetched {
  etag?: string | undefined;
  lastModified?: string | undefined;
  items: number;
}

/** A fetch that yielded the feed: errors cleared, validators kept for the next request. */
export function afterSuccess(s: FeedState, f: Fetched, now: Date, everyMs?: number): FeedState {
  const next: FeedState = {
    url: s.url,
    lastFetchAt: now,
    consecutiveFailures: 0,
    firstFetchDone: true,
    itemsSeen: s.itemsSeen + f.items,
  };
  if (f.etag !== undefined) next.etag = f.etag;
  if (f.lastModified !== undefined) next.lastModified = f.lastModified;
  const at = paced(now, everyMs);
  if (at !== undefined) next.nextAttemptAt = at;
  return next;
}

/** A 304: nothing new, nothing lost, errors cleared. */
export function afterNotModified(s: FeedState, now: Date, everyMs?: number): FeedState {
  const next: FeedState = { ...s, lastFetchAt: now, consecutiveFailures: 0 };
  delete next.lastError;
  delete next.nextAttemptAt;
  delete next.notFoundSince;
  const at = paced(now, everyMs);
  if (at !== undefined) next.nextAttemptAt = at;
  return next;
}

/**
 * A failure: the reason kept, the next attempt pushed back exponentially. Items taken
 * despite the failure (a truncated feed's complete items) still count, and the validators
 * are dropped so that the next fetch gets the whole feed again.
 */
export function afterFailure(s: FeedState, reason: string, now: Date, items = 0): FeedState {
  const failures = s.consecutiveFailures + 1;
  const next: FeedState = {
    ...s,
    lastFetchAt: now,
    lastError: reason,
    consecutiveFailures: failures,
    nextAttemptAt: new Date(now.getTime() + backoffMs(failures)),
    firstFetchDone: s.firstFetchDone || items > 0,
    itemsSeen: s.itemsSeen + items,
  };
  delete next.etag;
  delete next.lastModified;
  delete next.notFoundSince;
  return next;
}
