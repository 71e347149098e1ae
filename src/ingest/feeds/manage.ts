import type { FeedState, FeedStateStore } from '../../store/feed-state-store.ts';
import { discoverFeed, type Discovery, type FoundFeed } from './discover.ts';
import { newFeedState } from './feed-state.ts';
import { feedsFromOpml, feedsToOpml } from './opml.ts';
import type { Fetcher } from './fetch.ts';
import { pollEach, pollFeed, type FeedPollResult, type PollDeps } from './poll.ts';
import { resumed } from './publisher-signals.ts';
import {
  addFeedSource,
  FeedSourceSchema,
  loadFeedSources,
  removeFeedSource,
  type FeedSource,
} from './sources.ts';

/*
 * The operator's feed use cases, shared by the CLI (`herald feeds ...`) and the web panel:
 * one implementation of each rule.
 */

/** The stop reason of a feed the operator paused (shown by `herald feeds` and the panel). */
export const PAUSED_REASON = 'paused by the operator';

export interface FeedRow {
  source: FeedSource;
  state: FeedState | undefined;
}

/** What the operator asks to add: a feed or site URL and the entry's other fields. */
export interface FeedRequest {
  url: string;
  name?: string | undefined;
  topics?: readonly string[];
  every?: string | undefined;
  fullText?: boolean;
}

export type AddFeedOutcome =
  | { ok: true; done: 'added' | 'updated'; source: FeedSource; found: FoundFeed | undefined }
  | { ok: false; reason: string; discovery?: Discovery };

/** Every listed feed with its state, in file order. */
export async function listFeeds(file: string, states: FeedStateStore): Promise<FeedRow[]> {
  const rows: FeedRow[] = [];
  for (const source of await loadFeedSources(file))
    rows.push({ source, state: await states.getFeedState(source.url) });
  return rows;
}

/** Validates an entry; a problem is a value naming the field. */
export function feedEntry(
  request: FeedRequest,
): { ok: true; source: FeedSource } | { ok: false; reason: string } {
  const parsed = FeedSourceSchema.safeParse({
    url: request.url.trim(),
    topics: (request.topics ?? []).map((t) => t.trim()).filter((t) => t !== ''),
    ...(request.name ? { name: request.name } : {}),
    ...(request.every ? { every: request.every } : {}),
    fullText: request.fullText === true,
  });
  if (parsed.success) return { ok: true, source: parsed.data };
  const reason = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  return { ok: false, reason };
}

/**
 * Finds the feed behind the URL (a site's page: its announced feeds, then the usual paths),
 * checks it and saves it under the feed's own URL. A URL that yields no feed is refused with
 * the reason, unless `force` (then it is saved as given, unchecked).
 */
export async function addFeed(
  file: string,
  request: FeedRequest,
  fetcher: Fetcher,
  options: { force?: boolean } = {},
): Promise<AddFeedOutcome> {
  const entry = feedEntry(request);
  if (!entry.ok) return entry;
  if (options.force === true) {
    const done = await addFeedSource(file, entry.source);
    return { ok: true, done, source: entry.source, found: undefined };
  }
  const discovery = await discoverFeed(entry.source.url, fetcher);
  if (!discovery.ok) return { ok: false, reason: discovery.reason, discovery };
  const source = { ...entry.source, url: discovery.feedUrl };
  const done = await addFeedSource(file, source);
  return { ok: true, done, source, found: discovery };
}

/** Removes the feed from the file and forgets its state; false when it is not listed. */
export async function removeFeed(
  file: string,
  states: FeedStateStore,
  url: string,
): Promise<boolean> {
  if (!(await removeFeedSource(file, url))) return false;
  await states.removeFeedState(url);
  return true;
}

/** Stops polling the feed until resumed (its state says so, with PAUSED_REASON). */
export async function pauseFeed(states: FeedStateStore, url: string, now: Date): Promise<void> {
  const state = (await states.getFeedState(url)) ?? newFeedState(url);
  const next: FeedState = { ...state, stoppedAt: now, stoppedReason: PAUSED_REASON };
  delete next.nextAttemptAt;
  await states.saveFeedState(next);
}

/** Polls the feed again from the next tick; 'unknown' when it has no state yet. */
export async function resumeFeed(
  states: FeedStateStore,
  url: string,
): Promise<'resumed' | 'was-not-stopped' | 'unknown'> {
  const state = await states.getFeedState(url);
  if (state === undefined) return 'unknown';
  await states.saveFeedState(resumed(state));
  return state.stoppedAt === undefined ? 'was-not-stopped' : 'resumed';
}

/**
 * Polls now, whatever each feed's next attempt: the feed with this URL (even a stopped one),
 * or every listed feed that is not stopped. Results go to the ingest pipeline like a tick's.
 */
export async function pollNow(
  file: string,
  deps: PollDeps,
  url?: string,
): Promise<{ ok: true; results: FeedPollResult[] } | { ok: false; reason: string }> {
  const sources = await loadFeedSources(file);
  if (url !== undefined) {
    const source = sources.find((s) => s.url === url);
    if (source === undefined) return { ok: false, reason: `${url} is not in ${file}` };
    return { ok: true, results: [await pollFeed(source, deps)] };
  }
  const running: FeedSource[] = [];
  for (const source of sources) {
    const state = await deps.stateStore.getFeedState(source.url);
    if (state?.stoppedAt === undefined) running.push(source);
  }
  return { ok: true, results: await pollEach(running, deps) };
}

/** Adds the feeds of an OPML document that the file does not list yet (listed ones are kept). */
export async function importOpml(
  file: string,
  xml: string,
): Promise<{ ok: true; added: number; known: number } | { ok: false; reason: string }> {
  const parsed = feedsFromOpml(xml);
  if (!parsed.ok) return parsed;
  const known = new Set((await loadFeedSources(file)).map((s) => s.url));
  const fresh = parsed.sources.filter((s) => !known.has(s.url));
  for (const source of fresh) await addFeedSource(file, source);
  return { ok: true, added: fresh.length, known: parsed.sources.length - fresh.length };
}

/** The feeds file as OPML. */
export async function exportOpml(file: string, now: Date): Promise<string> {
  return feedsToOpml(await loadFeedSources(file), now);
}
