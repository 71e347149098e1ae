import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedHealthStore } from '../../src/store/feed-health-store.ts';

export interface FeedHealthStoreHarness {
  open(): Promise<{ health: FeedHealthStore; close(): Promise<void> }>;
}

const T0 = new Date('2026-06-01T12:00:00Z');
const URL_A = 'https://a.example/feed.xml';
const URL_B = 'https://b.example/rss';

/** The FeedHealthStore contract: every implementation runs this suite unchanged. */
export function feedHealthStoreContract(name: string, harness: FeedHealthStoreHarness): void {
  describe(`FeedHealthStore contract: ${name}`, () => {
    let opened: Awaited<ReturnType<FeedHealthStoreHarness['open']>>;
    beforeEach(async () => {
      opened = await harness.open();
    });
    afterEach(() => opened.close());

    it('knows nothing of a feed never saved', async () => {
      expect(await opened.health.getFeedHealth(URL_A)).toBeUndefined();
      expect(await opened.health.allFeedHealth()).toEqual([]);
    });

    it('saves every field and reads it back, absent fields absent', async () => {
      const full = {
        url: URL_A,
        failingSince: T0,
        lastSuccessAt: new Date(T0.getTime() - 1000),
        alertedAt: new Date(T0.getTime() + 5000),
        lastError: 'HTTP 503',
      };
      await opened.health.saveFeedHealth(full);
      await opened.health.saveFeedHealth({ url: URL_B, lastSuccessAt: T0 });
      expect(await opened.health.getFeedHealth(URL_A)).toEqual(full);
      expect(await opened.health.allFeedHealth()).toEqual([
        full,
        { url: URL_B, lastSuccessAt: T0 },
      ]);
    });

    it('replaces a saved feed whole (a recovery clears the failure)', async () => {
      await opened.health.saveFeedHealth({ url: URL_A, failingSince: T0, alertedAt: T0 });
      await opened.health.saveFeedHealth({ url: URL_A, lastSuccessAt: T0 });
      expect(await opened.health.getFeedHealth(URL_A)).toEqual({ url: URL_A, lastSuccessAt: T0 });
    });
  });
}
