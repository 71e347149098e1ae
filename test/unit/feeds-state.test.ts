import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  afterNotModified,
  afterSuccess,
  backoffMs,
  isDue,
  newFeedState,
} from '../../src/ingest/feeds/feed-state.ts';
import { feedsFromOpml, feedsToOpml } from '../../src/ingest/feeds/opml.ts';
import {
  addFeedSource,
  everyMs,
  loadFeedSources,
  removeFeedSource,
} from '../../src/ingest/feeds/sources.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteFeedStateStore } from '../../src/store/sqlite/feed-state-store.ts';

const T0 = new Date('2024-05-14T10:00:00Z');

describe('feed state transitions', () => {
  it('backs off exponentially, capped at a day', () => {
    expect([1, 2, 3].map(backoffMs)).toEqual([600_000, 1_200_000, 2_400_000]);
    expect(backoffMs(30)).toBe(86_400_000);
  });

  it('a failure delays the feed, drops validators; a success clears the error', () => {
    const ok = afterSuccess(newFeedState('u'), { etag: '"a"', items: 3 }, T0);
    const failed = afterFailure(ok, 'HTTP 500', T0);
    expect(failed).toMatchObject({ consecutiveFailures: 1, lastError: 'HTTP 500', itemsSeen: 3 });
    expect(failed.etag).toBeUndefined();
    expect(isDue(failed, new Date(T0.getTime() + 60_000))).toBe(false);
    expect(isDue(failed, new Date(T0.getTime() + 600_000))).toBe(true);
    const back = afterNotModified(failed, T0);
    expect(back.consecutiveFailures).toBe(0);
    expect(back.lastError).toBeUndefined();
  });

  it('a feed with its own pace waits for it', () => {
    const s = afterSuccess(newFeedState('u'), { items: 1 }, T0, 30 * 60_000);
    expect(isDue(s, new Date(T0.getTime() + 20 * 60_000))).toBe(false);
    expect(isDue(s, new Date(T0.getTime() + 30 * 60_000))).toBe(true);
  });
});

describe('the SQLite feed state store', () => {
  it('round-trips a state through migration 2', async () => {
    const store = createSqliteFeedStateStore(openSqliteDatabase(':memory:'));
    const state = afterFailure(
      afterSuccess(
        newFeedState('https://a.test/f'),
        { etag: 'e', lastModified: 'lm', items: 2 },
        T0,
      ),
      'timed out',
      T0,
    );
    await store.saveFeedState(state);
    expect(await store.getFeedState('https://a.test/f')).toEqual(state);
    expect(await store.allFeedStates()).toHaveLength(1);
    await store.removeFeedState('https://a.test/f');
    expect(await store.getFeedState('https://a.test/f')).toBeUndefined();
  });
});

describe('the feeds file and OPML', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'herald-feeds-')), 'feeds.yaml');

  it('adds, updates and removes feeds, keeping readable YAML', async () => {
    expect(
      await addFeedSource(file, { url: 'https://a.test/rss', topics: ['world'], fullText: false }),
    ).toBe('added');
    expect(
      await addFeedSource(file, {
        url: 'https://b.test/atom',
        topics: [],
        fullText: true,
        every: '2h',
      }),
    ).toBe('added');
    expect(
      await addFeedSource(file, {
        url: 'https://a.test/rss',
        topics: ['world', 'uk'],
        fullText: false,
      }),
    ).toBe('updated');
    expect(readFileSync(file, 'utf8')).toContain('topics: [ world, uk ]');
    expect(await removeFeedSource(file, 'https://b.test/atom')).toBe(true);
    expect(await removeFeedSource(file, 'https://nope.test/')).toBe(false);
    expect(await loadFeedSources(file)).toEqual([
      { url: 'https://a.test/rss', topics: ['world', 'uk'], fullText: false },
    ]);
    expect(everyMs({ url: 'x', topics: [], fullText: false, every: '2h' })).toBe(7_200_000);
  });

  it('exports OPML and imports it back; folders become topics', () => {
    const opml = feedsToOpml(
      [{ url: 'https://a.test/rss', name: 'A', topics: ['world'], fullText: false }],
      T0,
    );
    expect(feedsFromOpml(opml)).toEqual({
      ok: true,
      sources: [{ url: 'https://a.test/rss', name: 'A', topics: ['world'], fullText: false }],
    });
    const nested =
      '<opml version="2.0"><body><outline text="Tech"><outline text="B" xmlUrl="https://b.test/f"/></outline></body></opml>';
    expect(feedsFromOpml(nested)).toMatchObject({
      sources: [{ url: 'https://b.test/f', topics: ['tech'] }],
    });
  });
});
