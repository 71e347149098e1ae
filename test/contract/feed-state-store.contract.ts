import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedState, FeedStateStore } from '../../src/store/feed-state-store.ts';

/** A fresh, empty feed state store per test, and a way to dispose of it. */
export interface FeedStateStoreHarness {
  open(): Promise<{ states: FeedStateStore; close(): Promise<void> }>;
}

const T0 = new Date('2026-06-01T12:00:00Z');

const full: FeedState = {
  url: 'https://news.example/feed.xml',
  etag: '"abc"',
  lastModified: 'Mon, 01 Jun 2026 11:00:00 GMT',
  lastFetchAt: T0,
  lastError: 'HTTP 503',
  consecutiveFailures: 2,
  nextAttemptAt: new Date(T0.getTime() + 60_000),
  firstFetchDone: true,
  itemsSeen: 41,
  notFoundSince: new Date(T0.getTime() - 3_600_000),
  stoppedAt: T0,
  stoppedReason: 'HTTP 410 from https://news.example/feed.xml: the publisher says the feed is gone',
};

/** The FeedStateStore contract: every implementation runs this suite unchanged. */
export function feedStateStoreContract(name: string, harness: FeedStateStoreHarness): void {
  describe(`FeedStateStore contract: ${name}`, () => {
    let opened: Awaited<ReturnType<FeedStateStoreHarness['open']>>;
    let states: FeedStateStore;
    beforeEach(async () => {
      opened = await harness.open();
      states = opened.states;
    });
    afterEach(() => opened.close());

    it('round-trips every field, and a state with only the required ones', async () => {
      await states.saveFeedState(full);
      const bare = {
        url: 'https://b.example/rss',
        consecutiveFailures: 0,
        firstFetchDone: false,
        itemsSeen: 0,
      };
      await states.saveFeedState(bare);
      expect(await states.getFeedState(full.url)).toEqual(full);
      expect(await states.getFeedState(bare.url)).toEqual(bare);
      expect(await states.getFeedState('https://missing.example/')).toBeUndefined();
    });

    it('replaces a saved state whole, clearing fields left out', async () => {
      await states.saveFeedState(full);
      const next = { url: full.url, consecutiveFailures: 0, firstFetchDone: true, itemsSeen: 45 };
      await states.saveFeedState(next);
      expect(await states.getFeedState(full.url)).toEqual(next);
    });

    it('lists every state and removes one', async () => {
      await states.saveFeedState({ ...full, url: 'https://z.example/' });
      await states.saveFeedState({ ...full, url: 'https://a.example/' });
      const urls = async () => (await states.allFeedStates()).map((s) => s.url).sort();
      expect(await urls()).toEqual(['https://a.example/', 'https://z.example/']);
      await states.removeFeedState('https://z.example/');
      expect(await urls()).toEqual(['https://a.example/']);
    });
  });
}
