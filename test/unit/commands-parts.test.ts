import { describe, expect, test } from 'vitest';
import { createManualClock } from '../../src/domain/clock.ts';
import { REPLY_LIMITS, type StoryCard } from '../../src/domain/reply.ts';
import type { Target } from '../../src/domain/subscription.ts';
import { fitReply } from '../../src/commands/fit-reply.ts';
import { createListingMemory } from '../../src/commands/listing-memory.ts';
import { LruMap } from '../../src/commands/lru.ts';
import { createRateLimiter } from '../../src/commands/rate-limit.ts';
import { cleanInput, quote, truncate } from '../../src/commands/text.ts';
import { followTopics, unfollowTopics } from '../../src/commands/filters-edit.ts';
import { EMPTY_FILTERS } from '../../src/domain/subscription.ts';
import { replyViolations } from '../support/reply-limits.ts';

describe('rate limiter', () => {
  const options = { limit: 3, windowMs: 60_000, maxUsers: 100 };

  test('limit per window, then one notice, then silence until the window has room', () => {
    const clock = createManualClock(0);
    const limiter = createRateLimiter(clock, options);
    const kinds = () => limiter.check('telegram:1').kind;
    expect([kinds(), kinds(), kinds()]).toEqual(['allow', 'allow', 'allow']);
    expect(limiter.check('telegram:1')).toEqual({ kind: 'notice', retryAfterMs: 60_000 });
    expect([kinds(), kinds()]).toEqual(['silent', 'silent']);
    expect(limiter.check('telegram:2').kind).toBe('allow');
    clock.advance(59_999);
    expect(kinds()).toBe('silent');
    clock.advance(1);
    expect([kinds(), kinds(), kinds(), kinds()]).toEqual(['allow', 'allow', 'allow', 'notice']);
  });

  test('the window slides: room comes back one command at a time', () => {
    const clock = createManualClock(0);
    const limiter = createRateLimiter(clock, options);
    for (const t of [0, 10_000, 20_000]) {
      clock.set(t);
      expect(limiter.check('u').kind).toBe('allow');
    }
    clock.set(30_000);
    expect(limiter.check('u')).toEqual({ kind: 'notice', retryAfterMs: 30_000 });
    clock.set(60_000);
    expect(limiter.check('u').kind).toBe('allow');
    expect(limiter.check('u').kind).toBe('notice');
  });

  test('memory is bounded: a forgotten user starts afresh', () => {
    const limiter = createRateLimiter(createManualClock(0), { ...options, maxUsers: 2 });
    for (let i = 0; i < 4; i++) limiter.check('a');
    limiter.check('b');
    limiter.check('c');
    expect(limiter.check('a').kind).toBe('allow');
  });
});

describe('LRU map and listing memory', () => {
  test('the least recently used entry goes first', () => {
    const lru = new LruMap<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);
    expect([lru.get('a'), lru.get('b'), lru.get('c'), lru.size]).toEqual([1, undefined, 3, 2]);
    expect(() => new LruMap(0)).toThrow(RangeError);
  });

  test('listings are kept per chat and thread', () => {
    const memory = createListingMemory(10);
    const chat: Target = { platform: 'telegram', chatId: '1', kind: 'group' };
    const thread: Target = { ...chat, threadId: '7' };
    memory.remember(chat, ['a', 'b']);
    memory.remember(thread, ['c']);
    memory.remember({ ...chat, platform: 'discord' }, []);
    expect(memory.recall(chat)).toEqual(['a', 'b']);
    expect(memory.recall(thread)).toEqual(['c']);
    expect(memory.recall({ ...chat, platform: 'discord' })).toBeUndefined();
  });
});

describe('text helpers', () => {
  test('cleanInput removes controls, bidi overrides and zero-width characters', () => {
    expect(cleanInput('  /latest\u0000 \u202E3\u200B\n\tsport\uFEFF ')).toBe('/latest 3 sport');
    expect(cleanInput('a\uD800b')).toBe('ab');
  });

  test('truncate never splits a surrogate pair and marks the cut', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate('anything', 0)).toBe('');
  });

  test('quote cleans and cuts user text', () => {
    expect(quote(`x\u0007${'y'.repeat(100)}`, 10)).toBe('“xyyyyyyyy…”');
  });
});

describe('fitReply', () => {
  const card: StoryCard = {
    id: 'x',
    title: 'T'.repeat(1000),
    source: 'S',
    publishedAt: new Date(0),
    summary: ['A'.repeat(900), 'B'.repeat(900)],
    excerpt: 'E'.repeat(5000),
    url: `https://x.example/${'p'.repeat(3000)}`,
    topics: Array.from({ length: 30 }, (_, i) => `topic${i}`),
    keywords: [],
  };

  test('cuts every field of every card and drops links too long to show', () => {
    const fitted = fitReply({
      kind: 'cards',
      heading: 'H'.repeat(999),
      cards: Array(30).fill(card) as StoryCard[],
    });
    expect(replyViolations(fitted)).toEqual([]);
    if (fitted.kind !== 'cards') throw new Error('kind changed');
    expect(fitted.cards).toHaveLength(REPLY_LIMITS.cards);
    expect(fitted.cards[0]?.summary).toEqual(['A'.repeat(900)]);
    expect(fitted.cards[0]?.url).toBeUndefined();
    expect(fitted.cards[0]?.topics).toHaveLength(10);
  });

  test('a single summary sentence longer than the limit is cut, not dropped', () => {
    const fitted = fitReply({ kind: 'card', card: { ...card, summary: ['Z'.repeat(5000)] } });
    expect(fitted.kind === 'card' && fitted.card.summary[0]?.length).toBe(
      REPLY_LIMITS.summaryChars,
    );
  });

  test('notices and errors are cut to the notice limit', () => {
    const long = 'n'.repeat(10_000);
    expect(replyViolations(fitReply({ kind: 'notice', text: long }))).toEqual([]);
    expect(replyViolations(fitReply({ kind: 'error', text: long, usage: long }))).toEqual([]);
  });
});

describe('topic edits', () => {
  test('follow adds to the include list and lifts exclusions', () => {
    const f = followTopics(
      { ...EMPTY_FILTERS, includeTopics: ['Sport'], excludeTopics: ['City'] },
      ['sport', 'city'],
    );
    expect(f).toMatchObject({ includeTopics: ['Sport', 'city'], excludeTopics: [] });
  });

  test('following everything: subscribing to an excluded topic only lifts the exclusion', () => {
    const f = followTopics({ ...EMPTY_FILTERS, excludeTopics: ['City'] }, ['city', 'Sport']);
    expect(f).toMatchObject({ includeTopics: ['Sport'], excludeTopics: [] });
  });

  test('unfollow removes chosen topics, or excludes them when following everything', () => {
    const chosen = { ...EMPTY_FILTERS, includeTopics: ['Sport', 'City'] };
    expect(unfollowTopics(chosen, ['sport', 'x'])).toMatchObject({
      filters: { includeTopics: ['City'] },
      notFollowed: ['x'],
      emptied: false,
    });
    expect(unfollowTopics(chosen, ['sport', 'city']).emptied).toBe(true);
    expect(unfollowTopics(EMPTY_FILTERS, ['Sport']).filters.excludeTopics).toEqual(['Sport']);
  });
});
