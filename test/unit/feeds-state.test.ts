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
  afterFetchFailure,
  resumed,
  retryAfterMs,
  RETRY_AFTER_MAX_MS,
} from '../../src/ingest/feeds/publisher-signals.ts';
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

describe("publishers' signals", () => {
  const at = (ms: number) => new Date(T0.getTime() + ms);
  const HOUR = 3_600_000;
  const fail = (status: number, retryAfter?: string) => ({
    reason: `HTTP ${status} from https://a.test/f`,
    status,
    ...(retryAfter === undefined ? {} : { retryAfter }),
  });

  it('reads Retry-After as seconds or as an HTTP date, within a bound', () => {
    expect(retryAfterMs('120', T0)).toBe(120_000);
    expect(retryAfterMs('Tue, 14 May 2024 12:00:00 GMT', T0)).toBe(2 * HOUR);
    expect(retryAfterMs('Mon, 13 May 2024 12:00:00 GMT', T0)).toBe(0);
    expect(retryAfterMs('99999999999', T0)).toBe(RETRY_AFTER_MAX_MS);
    expect(retryAfterMs('soon', T0)).toBeUndefined();
    expect(retryAfterMs(undefined, T0)).toBeUndefined();
  });

  it('a 429 or 503 with Retry-After is not polled before it; other statuses back off', () => {
    const s = newFeedState('https://a.test/f');
    const limited = afterFetchFailure(s, fail(429, '7200'), T0);
    expect(limited.nextAttemptAt).toEqual(at(2 * HOUR));
    expect(limited.lastError).toMatch(/Retry-After: not before 2024-05-14T12:00:00.000Z/);
    const busy = afterFetchFailure(s, fail(503, 'Tue, 14 May 2024 13:00:00 GMT'), T0);
    expect(isDue(busy, at(3 * HOUR - 1))).toBe(false);
    expect(isDue(busy, at(3 * HOUR))).toBe(true);
    expect(afterFetchFailure(s, fail(500, '7200'), T0).nextAttemptAt).toEqual(at(backoffMs(1)));
    expect(afterFetchFailure(s, fail(429, '5'), T0).nextAttemptAt).toEqual(at(backoffMs(1)));
  });

  it('410 Gone stops the feed at once, with the reason', () => {
    const gone = afterFetchFailure(newFeedState('https://a.test/f'), fail(410), T0, 86_400_000);
    expect(gone).toMatchObject({
      stoppedAt: T0,
      stoppedReason: 'HTTP 410 from https://a.test/f: the publisher says the feed is gone',
    });
    expect(isDue(gone, at(365 * 24 * HOUR))).toBe(false);
  });

  it('a 404 stops the feed once it has lasted the configured time; another answer resets it', () => {
    const day = 24 * HOUR;
    let s = afterFetchFailure(newFeedState('https://a.test/f'), fail(404), T0, day);
    expect(s).toMatchObject({ notFoundSince: T0, consecutiveFailures: 1 });
    s = afterFetchFailure(s, fail(404), at(day - 1), day);
    expect(s.stoppedAt).toBeUndefined();
    s = afterFetchFailure(s, fail(404), at(day), day);
    expect(s.stoppedReason).toBe(
      'HTTP 404 from https://a.test/f for 24 h (since 2024-05-14T10:00:00.000Z)',
    );
    const reset = afterFetchFailure(
      afterFetchFailure(newFeedState('u'), fail(404), T0, day),
      fail(500),
      at(HOUR),
      day,
    );
    expect(reset.notFoundSince).toBeUndefined();
    const found = afterSuccess(
      afterFetchFailure(newFeedState('u'), fail(404), T0),
      { items: 1 },
      T0,
    );
    expect(found.notFoundSince).toBeUndefined();
    expect(afterFetchFailure(newFeedState('u'), fail(404), at(99 * day)).stoppedAt).toBeUndefined();
  });

  it('a resumed feed is polled at the next tick, its stop and errors cleared', () => {
    const gone = afterFetchFailure(newFeedState('https://a.test/f'), fail(410), T0);
    const back = resumed(gone);
    expect(isDue(back, T0)).toBe(true);
    expect(back).toMatchObject({ consecutiveFailures: 0, url: 'https://a.test/f' });
    expect(back.stoppedReason ?? back.lastError ?? back.notFoundSince).toBeUndefined();
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
