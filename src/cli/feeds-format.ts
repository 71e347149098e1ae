import { resumeHint } from '../ingest/feeds/publisher-signals.ts';
import type { FeedSource } from '../ingest/feeds/sources.ts';
import type { FeedState } from '../store/feed-state-store.ts';

export interface FeedRow {
  source: FeedSource;
  state: FeedState | undefined;
}

/** One feed on two lines: URL, name and topics; then state, last fetch, error, next attempt. */
export function feedLine({ source, state }: FeedRow, now: Date): string {
  const head = [
    source.url,
    source.name,
    source.topics.length > 0 ? `[${source.topics.join(', ')}]` : undefined,
  ]
    .filter((p) => p !== undefined)
    .join('  ');
  return `${head}\n    ${stateText(state, now)}`;
}

function stateText(state: FeedState | undefined, now: Date): string {
  if (state?.stoppedAt !== undefined) {
    const why = state.stoppedReason ?? 'no reason recorded';
    return `STOPPED since ${state.stoppedAt.toISOString()}: ${why}; ${resumeHint(state.url)}`;
  }
  if (state?.lastFetchAt === undefined) return 'new: not fetched yet';
  const health =
    state.consecutiveFailures > 0 ? `failing (${state.consecutiveFailures} in a row)` : 'ok';
  const parts = [
    health,
    `last fetch ${state.lastFetchAt.toISOString()}`,
    `${state.itemsSeen} items seen`,
  ];
  if (state.lastError !== undefined) parts.push(`last error: ${state.lastError}`);
  if (state.nextAttemptAt !== undefined && state.nextAttemptAt > now) {
    parts.push(`next attempt ${state.nextAttemptAt.toISOString()}`);
  } else parts.push('next attempt: next tick');
  return parts.join('; ');
}
