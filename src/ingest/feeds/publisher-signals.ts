import type { FeedState } from '../../store/feed-state-store.ts';
import { afterFailure } from './feed-state.ts';

/** A failed fetch as the server answered it: the reason, and the HTTP status and Retry-After. */
export interface FetchFailure {
  reason: string;
  status?: number;
  /** The Retry-After header as sent: seconds, or an HTTP date. */
  retryAfter?: string;
}

/** The longest wait a Retry-After is obeyed for (a date years ahead is a mistake, not a wish). */
export const RETRY_AFTER_MAX_MS = 7 * 86_400_000;

/** Retry-After (RFC 9110: delay-seconds or an HTTP date) as a wait from `now`; undefined if unreadable. */
export function retryAfterMs(header: string | undefined, now: Date): number | undefined {
  const text = header?.trim() ?? '';
  if (text === '') return undefined;
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now.getTime();
  return Number.isNaN(ms) ? undefined : Math.min(Math.max(ms, 0), RETRY_AFTER_MAX_MS);
}

/**
 * A failed fetch with the publisher's signals obeyed: 410 Gone stops the feed; so does a 404
 * that has lasted `stopAfterNotFoundMs` (undefined: a 404 never stops it); 429 or 503 with
 * Retry-After puts the next attempt no earlier than it asks. Otherwise, as any failure.
 */
export function afterFetchFailure(
  s: FeedState,
  f: FetchFailure,
  now: Date,
  stopAfterNotFoundMs?: number,
): FeedState {
  const next = afterFailure(s, f.reason, now);
  if (f.status === 404) next.notFoundSince = s.notFoundSince ?? now;
  const stop = stopReason(next, f, now, stopAfterNotFoundMs);
  return stop === undefined ? obeyRetryAfter(next, f, now) : stopped(next, stop, now);
}

function stopReason(
  s: FeedState,
  f: FetchFailure,
  now: Date,
  stopAfterNotFoundMs: number | undefined,
): string | undefined {
  if (f.status === 410) return `${f.reason}: the publisher says the feed is gone`;
  const since = s.notFoundSince;
  if (since === undefined || stopAfterNotFoundMs === undefined) return undefined;
  const hours = Math.round((now.getTime() - since.getTime()) / 360_000) / 10;
  return now.getTime() - since.getTime() >= stopAfterNotFoundMs
    ? `${f.reason} for ${hours} h (since ${since.toISOString()})`
    : undefined;
}

function obeyRetryAfter(s: FeedState, f: FetchFailure, now: Date): FeedState {
  const wait = f.status === 429 || f.status === 503 ? retryAfterMs(f.retryAfter, now) : undefined;
  if (wait === undefined) return s;
  const notBefore = new Date(now.getTime() + wait);
  const next = {
    ...s,
    lastError: `${f.reason} (Retry-After: not before ${notBefore.toISOString()})`,
  };
  if (next.nextAttemptAt === undefined || next.nextAttemptAt < notBefore)
    next.nextAttemptAt = notBefore;
  return next;
}

function stopped(s: FeedState, reason: string, now: Date): FeedState {
  const next: FeedState = { ...s, stoppedAt: now, stoppedReason: reason };
  delete next.nextAttemptAt;
  return next;
}

/** What a stopped feed's messages tell the operator to do. */
export function resumeHint(url: string): string {
  return `polling stopped; resume it with: herald feeds resume ${url}`;
}

/** A stopped (or failing) feed, polled again from the next tick: stop, 404s and error cleared. */
export function resumed(s: FeedState): FeedState {
  const next: FeedState = { ...s, consecutiveFailures: 0 };
  delete next.stoppedAt;
  delete next.stoppedReason;
  delete next.notFoundSince;
  delete next.nextAttemptAt;
  delete next.lastError;
  return next;
}
