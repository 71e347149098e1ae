import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatKeyOf, EMPTY_FILTERS, type Target } from '../../src/domain/subscription.ts';
import { laneKey } from '../../src/domain/outbox.ts';
import type { OutboxStore } from '../../src/store/outbox-store.ts';
import type { NewSubscription, SubscriptionStore } from '../../src/store/subscription-store.ts';

/**
 * A fresh, empty subscription store per test, and a way to dispose of it; with the outbox of
 * the same database, whose rows must follow a moved subscription (a store without an outbox,
 * the tests' memory one, skips only that check).
 */
export interface SubscriptionStoreHarness {
  open(): Promise<{ store: SubscriptionStore; outbox?: OutboxStore; close(): Promise<void> }>;
}

const NOW = new Date('2026-06-01T12:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

const target = (chatId: string, extra: Partial<Target> = {}): Target => ({
  platform: 'telegram',
  chatId,
  kind: 'channel',
  ...extra,
});

const input = (t: Target, extra: Partial<NewSubscription> = {}): NewSubscription => ({
  target: t,
  filters: EMPTY_FILTERS,
  mode: { kind: 'instant' },
  createdBy: 'operator',
  ...extra,
});

/** The SubscriptionStore contract: every implementation runs this suite unchanged. */
export function subscriptionStoreContract(name: string, harness: SubscriptionStoreHarness): void {
  describe(`SubscriptionStore contract: ${name}`, () => {
    let opened: Awaited<ReturnType<SubscriptionStoreHarness['open']>>;
    let store: SubscriptionStore;
    let outbox: OutboxStore | undefined;
    beforeEach(async () => {
      opened = await harness.open();
      store = opened.store;
      outbox = opened.outbox;
    });
    afterEach(() => opened.close());

    it('saves and reads back every field', async () => {
      const filters = {
        includeTopics: ['World'],
        excludeTopics: ['sport'],
        includeKeywords: ['taliban'],
        excludeKeywords: ['cricket'],
      };
      const saved = await store.saveSubscription(
        input(target('@news', { threadId: '7', kind: 'group' }), {
          filters,
          mode: { kind: 'digest', times: ['08:00', '18:30'] },
          createdBy: 'telegram:42',
        }),
        NOW,
      );
      expect(saved).toMatchObject({ active: true, filters, createdBy: 'telegram:42' });
      expect(saved.createdAt).toEqual(NOW);
      expect(await store.getSubscription(saved.id)).toEqual(saved);
      expect(await store.findByTarget(saved.target)).toEqual(saved);
      expect(await store.getSubscription('missing')).toBeUndefined();
    });

    it('keeps one subscription per target, told apart by thread', async () => {
      const a = await store.saveSubscription(input(target('1')), NOW);
      const b = await store.saveSubscription(input(target('1', { threadId: '9' })), NOW);
      expect(b.id).not.toBe(a.id);
      expect(await store.findByTarget(target('1'))).toMatchObject({ id: a.id });
      expect(await store.findByTarget(target('2'))).toBeUndefined();
    });

    it('reactivates and updates an existing target instead of adding one', async () => {
      const first = await store.saveSubscription(input(target('1')), at(0));
      await store.deactivateSubscription(first.id, 'unsubscribed', at(1));
      const again = await store.saveSubscription(
        input(target('1'), { filters: { ...EMPTY_FILTERS, includeTopics: ['tech'] } }),
        at(2),
      );
      expect(again.id).toBe(first.id);
      expect(again.active).toBe(true);
      expect(again.inactiveReason).toBeUndefined();
      expect(again.filters.includeTopics).toEqual(['tech']);
      expect(again.createdAt).toEqual(at(0));
      expect(again.updatedAt).toEqual(at(2));
      expect(await store.listSubscriptions()).toHaveLength(1);
    });

    it('deactivates with a reason and lists by state and platform', async () => {
      const a = await store.saveSubscription(input(target('1')), at(0));
      await store.saveSubscription(input(target('2', { platform: 'discord' })), at(1));
      await store.deactivateSubscription(a.id, 'blocked by the user', at(2));
      expect(await store.getSubscription(a.id)).toMatchObject({
        active: false,
        inactiveReason: 'blocked by the user',
      });
      const active = await store.listSubscriptions({ active: true });
      expect(active.map((s) => s.target.chatId)).toEqual(['2']);
      expect(await store.listSubscriptions({ active: false })).toHaveLength(1);
      expect(await store.listSubscriptions({ platform: 'discord' })).toHaveLength(1);
      expect(await store.listSubscriptions()).toHaveLength(2);
    });

    it('moves a subscription to a new chat id; its outbox rows follow under the new key', async () => {
      const group = target('-4001', { kind: 'group' });
      const a = await store.saveSubscription(input(group, { createdBy: 'telegram:42' }), at(0));
      const row = {
        subscriptionId: a.id,
        platform: 'telegram' as const,
        chatKey: chatKeyOf(group),
      };
      await outbox?.enqueue(
        [
          { ...row, storyId: 's1' },
          { ...row, storyId: 's2' },
          { ...row, storyId: 's3', kind: 'edit', chatKey: laneKey(row.chatKey, 'edit') },
        ],
        at(0),
      );
      expect(await store.moveSubscription(a.id, { chatId: '-1009001' }, at(1))).toBe(true);

      const moved = await store.getSubscription(a.id);
      const supergroup = target('-1009001', { kind: 'group' });
      expect(moved).toMatchObject({ target: supergroup, active: true, createdBy: 'telegram:42' });
      expect(moved?.updatedAt).toEqual(at(1));
      expect(await store.findByTarget(group)).toBeUndefined();
      expect(await store.findByTarget(supergroup)).toMatchObject({ id: a.id });
      if (outbox === undefined) return;
      const rows = await outbox.listBySubscription(a.id);
      // An edit keeps its own lane in the new chat.
      expect(rows.map((r) => r.chatKey)).toEqual([
        chatKeyOf(supergroup),
        chatKeyOf(supergroup),
        laneKey(chatKeyOf(supergroup), 'edit'),
      ]);
    });

    it('claims the posts of a subscription on `batch off` one at a time (ADR 0029)', async () => {
      if (outbox === undefined) return;
      const sub = await store.saveSubscription(input(target('-4002', { kind: 'group' })), at(0));
      const chatKey = chatKeyOf(sub.target);
      const row = { subscriptionId: sub.id, platform: 'telegram' as const, chatKey };
      await outbox.enqueue(
        ['s1', 's2', 's3'].map((storyId) => ({ ...row, storyId })),
        at(0),
      );
      const claim = (owner: string, minute: number) =>
        outbox?.claimDue({ owner, now: at(minute), leaseMs: 60_000, limit: 5, batch: 20 });
      const off = { preferences: { batch: false } };
      await store.updateSubscription(sub.id, off, at(0));
      const one = (await claim('w', 1)) ?? [];
      expect(one.map((r) => r.storyId)).toEqual(['s1']);
      await outbox.release([one[0]?.id ?? 0], 'w', at(1));
      await store.updateSubscription(sub.id, { preferences: { batch: true } }, at(1));
      expect(((await claim('v', 2)) ?? []).map((r) => r.storyId)).toEqual(['s1', 's2', 's3']);
    });

    it('does not move a subscription onto a chat that has its own', async () => {
      const a = await store.saveSubscription(input(target('-4001', { kind: 'group' })), at(0));
      const b = await store.saveSubscription(input(target('-1009001', { kind: 'group' })), at(0));
      expect(await store.moveSubscription(a.id, { chatId: '-1009001' }, at(1))).toBe(false);
      expect(await store.getSubscription(a.id)).toMatchObject({ target: { chatId: '-4001' } });
      expect(await store.getSubscription(b.id)).toMatchObject({ target: { chatId: '-1009001' } });
      await expect(store.moveSubscription('missing', { chatId: '1' }, at(1))).rejects.toThrow();
    });

    it('keeps a delivery policy: event by default, kept when subscribing again without one', async () => {
      const a = await store.saveSubscription(input(target('1')), at(0));
      expect(a.policy).toBe('event');
      const every = await store.saveSubscription(input(target('2'), { policy: 'every' }), at(0));
      expect(every.policy).toBe('every');
      const updated = await store.updateSubscription(a.id, { policy: 'event+updates' }, at(1));
      expect(updated.policy).toBe('event+updates');
      await store.deactivateSubscription(a.id, 'unsubscribed', at(2));
      const again = await store.saveSubscription(input(target('1')), at(3));
      expect(again).toMatchObject({ id: a.id, active: true, policy: 'event+updates' });
      const changed = await store.saveSubscription(input(target('1'), { policy: 'every' }), at(4));
      expect(changed.policy).toBe('every');
      expect((await store.listSubscriptions()).map((s) => s.policy)).toEqual(['every', 'every']);
    });

    it('updates filters, mode and the active flag', async () => {
      const a = await store.saveSubscription(input(target('1')), at(0));
      const updated = await store.updateSubscription(
        a.id,
        { mode: { kind: 'digest', times: ['07:00'] } },
        at(1),
      );
      expect(updated.mode).toEqual({ kind: 'digest', times: ['07:00'] });
      expect(updated.updatedAt).toEqual(at(1));
      await expect(store.updateSubscription('missing', {}, at(1))).rejects.toThrow();
    });

    it('keeps a chat’s preferences, through a stop and a new subscribe', async () => {
      const a = await store.saveSubscription(input(target('1')), at(0));
      expect(a.preferences).toEqual({});
      const preferences = {
        timezone: 'Europe/Berlin',
        quiet: { from: '22:00', to: '07:00' },
        previews: false,
        images: false,
      };
      expect((await store.updateSubscription(a.id, { preferences }, at(1))).preferences).toEqual(
        preferences,
      );
      await store.deactivateSubscription(a.id, 'unsubscribed', at(2));
      const again = await store.saveSubscription(input(target('1')), at(3));
      expect(again.preferences).toEqual(preferences);
      expect((await store.listSubscriptions())[0]?.preferences).toEqual(preferences);
    });
  });
}
