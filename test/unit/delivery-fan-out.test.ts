import { describe, expect, it } from 'vitest';
import { matchesFilters, storyTerms } from '../../src/delivery/filters.ts';
import { EMPTY_FILTERS, type Filters } from '../../src/domain/subscription.ts';
import { createDeliveryHarness } from '../support/delivery-harness.ts';

const story = {
  title: 'Russia recognises the Taliban government in Kabul',
  topics: ['World', 'Asia'],
  keywords: ['recognition', 'foreign ministry'],
  entities: ['Amir Khan Muttaqi', 'Moscow'],
};
const terms = storyTerms(story);
const match = (filters: Partial<Filters>) =>
  matchesFilters(terms, { ...EMPTY_FILTERS, ...filters });

describe('filters', () => {
  it('takes everything when nothing is included', () => {
    expect(match({})).toBe(true);
  });

  it('matches include topics case-insensitively', () => {
    expect(match({ includeTopics: ['world'] })).toBe(true);
    expect(match({ includeTopics: ['SPORT'] })).toBe(false);
  });

  it('matches keywords against keywords, entities and title words', () => {
    expect(match({ includeKeywords: ['taliban'] })).toBe(true);
    expect(match({ includeKeywords: ['Foreign Ministry'] })).toBe(true);
    expect(match({ includeKeywords: ['khan muttaqi'] })).toBe(true);
    expect(match({ includeKeywords: ['muttaqi khan'] })).toBe(false);
    expect(match({ includeKeywords: ['tali'] })).toBe(false);
  });

  it('takes a story matching any include term, topic or keyword', () => {
    expect(match({ includeTopics: ['sport'], includeKeywords: ['moscow'] })).toBe(true);
  });

  it('lets excludes win over includes', () => {
    expect(match({ includeTopics: ['world'], excludeKeywords: ['Kabul'] })).toBe(false);
    expect(match({ excludeTopics: ['asia'] })).toBe(false);
    expect(match({ excludeTopics: ['europe'], excludeKeywords: ['paris'] })).toBe(true);
  });
});

describe('fan-out', () => {
  it('enqueues one row per matching active subscription, once', async () => {
    const h = createDeliveryHarness();
    const world = await h.subscribe(
      { chatId: 'world' },
      {
        filters: { ...EMPTY_FILTERS, includeTopics: ['world'] },
      },
    );
    const noSport = await h.subscribe(
      { chatId: 'nosport' },
      {
        filters: { ...EMPTY_FILTERS, excludeTopics: ['sport'] },
      },
    );
    const gone = await h.subscribe({ chatId: 'gone' });
    await h.subscriptions.deactivateSubscription(gone.id, 'unsubscribed', h.clock.now());
    const s = await h.addStory({ topics: ['World'] });
    const sport = await h.addStory({ topics: ['Sport'] });
    expect(await h.fanOut.enqueueStory(s)).toEqual({ matched: 2, enqueued: 2 });
    expect(await h.fanOut.enqueueStory(s)).toEqual({ matched: 2, enqueued: 0 });
    expect(await h.fanOut.enqueueStory(sport)).toEqual({ matched: 0, enqueued: 0 });
    expect((await h.outbox.listBySubscription(world.id)).map((r) => r.storyId)).toEqual([s.id]);
    expect((await h.outbox.listBySubscription(noSport.id)).map((r) => r.storyId)).toEqual([s.id]);
    expect(await h.outbox.listBySubscription(gone.id)).toEqual([]);
  });

  it('never announces a story that repeats an earlier one', async () => {
    const h = createDeliveryHarness();
    await h.subscribe({ chatId: 'a' });
    const dup = await h.addStory({ duplicateOf: 'abcdefabcdef' });
    expect(await h.fanOut.enqueueStory(dup)).toEqual({
      matched: 0,
      enqueued: 0,
      skipped: 'duplicate',
    });
  });

  it('dates digest rows at the next digest time', async () => {
    const h = createDeliveryHarness({ config: { digestTimezone: 'Europe/Berlin' } });
    const sub = await h.subscribe(
      { chatId: 'd' },
      { mode: { kind: 'digest', times: ['08:00', '20:00'] } },
    );
    await h.fanOut.enqueueStory(await h.addStory());
    const [row] = await h.outbox.listBySubscription(sub.id);
    // 07:00 UTC is 09:00 in Berlin (summer time): the next digest is 20:00 Berlin, 18:00 UTC.
    expect(row?.digestAt).toEqual(new Date('2026-06-01T18:00:00Z'));
    expect(row?.nextAttemptAt).toEqual(row?.digestAt);
  });
});
