import type { Log } from '../../domain/log.ts';
import type { FeedsConfig } from './feeds-config.ts';
import type { Clock } from '../../domain/clock.ts';
import type { FeedStateStore } from '../../store/feed-state-store.ts';
import type { StoryStore } from '../../store/story-store.ts';
import { createFetcher, type Fetcher } from './fetch.ts';
import { pollDueFeeds, type FeedPollResult, type PollDeps } from './poll.ts';
import { loadFeedSources } from './sources.ts';

/** The fetcher the config describes (SSRF guard, timeouts, size and per-host limits). */
export function createConfiguredFetcher(config: FeedsConfig): Fetcher {
  return createFetcher({
    userAgent: config.userAgent,
    timeoutMs: config.timeoutMs,
    maxBytes: config.maxBytes,
    perHostConcurrency: config.perHostConcurrency,
    allowPrivateHosts: config.allowPrivateHosts,
  });
}

/**
 * What the scheduler calls on each FEEDS_SCHEDULE tick: re-reads the feeds file (so edits
 * apply without a restart) and polls the feeds that are due, handing each feed's result to
 * `onResult` as its poll ends (see PollDeps.onResult). The scheduler's no-overlap
 * option keeps two ticks from running at once.
 */
export function createFeedsJob(deps: {
  config: FeedsConfig;
  stateStore: FeedStateStore;
  clock: Clock;
  /** Full-text feeds look up stored stories so as never to fetch their pages again. */
  stories: Pick<StoryStore, 'getStory'>;
  log?: Log;
  fetcher?: Fetcher;
  /** A progress line while many feeds are polled (see PollDeps.onProgress). */
  onProgress?: (done: number, total: number) => void;
}): (onResult?: PollDeps['onResult']) => Promise<FeedPollResult[]> {
  const fetcher = deps.fetcher ?? createConfiguredFetcher(deps.config);
  return async (onResult) => {
    const sources = await loadFeedSources(deps.config.file);
    return pollDueFeeds(sources, {
      stateStore: deps.stateStore,
      fetcher,
      clock: deps.clock,
      stories: deps.stories,
      stopAfterNotFoundMs: deps.config.stopAfterNotFoundMs,
      ...(deps.log === undefined ? {} : { log: deps.log }),
      ...(deps.onProgress === undefined ? {} : { onProgress: deps.onProgress }),
      ...(onResult === undefined ? {} : { onResult }),
    });
  };
}
