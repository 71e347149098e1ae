import { resumeHint } from '../ingest/feeds/publisher-signals.ts';
import type { FoundFeed } from '../ingest/feeds/discover.ts';
import type { FeedRow } from '../ingest/feeds/manage.ts';
import type { FeedState } from '../store/feed-state-store.ts';

export type { FeedRow } from '../ingest/feeds/manage.ts';

/** How the feed was found from the URL given: which of the page's feeds, or which path. */
export function discoveryLine(given: string, found: FoundFeed): string {
  if (found.via === 'direct') return `${given} is a feed`;
  if (found.via === 'path') return `${given} announces no feed; found ${found.feedUrl}`;
  const list = found.links.map((l) => `${l.url}${l.title ? ` (${l.title})` : ''}`).join(', ');
  return `${given} announces ${found.links.length} feed(s): ${list}; picked ${found.feedUrl}`;
}

/** A check as a person reads it: the format and count, each item, each problem. */
export function checkLines(found: FoundFeed): string[] {
  const lines = [`${found.feedUrl}: ${found.format}, ${found.items.length} items`];
  for (const item of found.items)
    lines.push(
      `  ${item.publishedAt ?? '(no date)'}  ${item.title}\n      ${item.url ?? '(no link)'}`,
    );
  for (const error of found.errors) lines.push(`  ! ${error}`);
  return lines;
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
