import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewOutboxRow, OutboxStore } from '../../src/store/outbox-store.ts';

/** A fresh, empty outbox per test, and a way to dispose of it. */
export interface OutboxStoreHarness {
  open(): Promise<{ outbox: OutboxStore; close(): Promise<void> }>;
}

const T0 = new Date('2026-06-01T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const LEASE = 60_000;

const row = (storyId: string, chat: string, extra: Partial<NewOutboxRow> = {}): NewOutboxRow => ({
  storyId,
  subscriptionId: `sub-${chat}`,
  platform: 'telegram',
  chatKey: `telegram:${chat}`,
  ...extra,
});

/** The OutboxStore contract: every implementation runs this suite unchanged. */
export function outboxStoreContract(name: string, harness: OutboxStoreHarness): void {
  describe(`OutboxStore contract: ${name}`, () => {
    let opened: Awaited<ReturnType<OutboxStoreHarness['open']>>;
    let outbox: OutboxStore;
    beforeEach(async () => {
      opened = await harness.open();
      outbox = opened.outbox;
    });
    afterEach(() => opened.close());

    const claim = (owner: string, now: Date, limit = 10) =>
      outbox.claimDue({ owner, now, leaseMs: LEASE, limit });
    const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

    it('enqueues each (story, subscription) once', async () => {
      expect(await outbox.enqueue([row('s1', 'a'), row('s1', 'a'), row('s2', 'a')], T0)).toBe(2);
      expect(await outbox.enqueue([row('s1', 'a')], at(1))).toBe(0);
      expect(await outbox.countsByState()).toEqual({
        pending: 2,
        sending: 0,
        sent: 0,
        failed: 0,
        dead: 0,
      });
    });

    it('keeps a post, an edit and a follow-up of one story apart, and one post per event', async () => {
      const [post] = [await outbox.enqueue([row('s1', 'a', { eventId: 'e1' })], T0)];
      expect(post).toBe(1);
      const [first] = await outbox.listByStories(['s1']);
      expect(first).toMatchObject({ kind: 'post', eventId: 'e1', storyId: 's1' });
      const edit = row('s2', 'a', {
        kind: 'edit',
        replyTo: first?.id ?? 0,
        chatKey: 'telegram:a edits',
      });
      const followUp = row('s2', 'a', { kind: 'follow-up', replyTo: first?.id ?? 0 });
      // Another report of e1 cannot become a second post of it to the same subscription.
      const secondPost = row('s2', 'a', { eventId: 'e1' });
      expect(await outbox.enqueue([edit, followUp, secondPost, edit], at(1))).toBe(2);
      const rows = await outbox.listByStories(['s2', 's1', 'nothing']);
      expect(rows.map((r) => [r.storyId, r.kind, r.replyTo ?? null])).toEqual([
        ['s1', 'post', null],
        ['s2', 'edit', first?.id],
        ['s2', 'follow-up', first?.id],
      ]);
      // Another subscription posts the same event.
      expect(await outbox.enqueue([row('s2', 'b', { eventId: 'e1' })], at(2))).toBe(1);
      expect(await outbox.listByStories([])).toEqual([]);
    });

    it('counts the deliveries still to send and the chats they are for', async () => {
      expect(await outbox.waiting()).toEqual({ deliveries: 0, chats: 0 });
      await outbox.enqueue([row('s1', 'a'), row('s2', 'a'), row('s1', 'b'), row('s3', 'c')], T0);
      const leased = await claim('w', T0);
      const forC = leased.find((r) => r.chatKey === 'telegram:c');
      await outbox.markSent([forC?.id ?? 0], 'w', 'm', at(1));
      expect(await outbox.waiting()).toEqual({ deliveries: 3, chats: 2 });
      // A chat's edit lane is the same chat.
      await outbox.enqueue([row('s9', 'a', { kind: 'edit', chatKey: 'telegram:a edits' })], at(2));
      expect(await outbox.waiting()).toEqual({ deliveries: 4, chats: 2 });
    });

    it('leases a due row to one owner until its lease runs out', async () => {
      await outbox.enqueue([row('s1', 'a')], T0);
      const [first] = await claim('one', T0);
      expect(first).toMatchObject({ state: 'sending', leaseOwner: 'one', attempts: 0 });
      expect(first?.leaseUntil).toEqual(new Date(T0.getTime() + LEASE));
      expect(await claim('two', at(59))).toEqual([]);
      const again = await claim('two', at(60));
      expect(again.map((r) => r.leaseOwner)).toEqual(['two']);
      expect(await outbox.markSent(ids(again), 'one', 'm1', at(61))).toBe(0);
      expect(await outbox.markSent(ids(again), 'two', 'm1', at(61))).toBe(1);
      expect(await outbox.getRow(ids(again)[0] ?? 0)).toMatchObject({
        state: 'sent',
        messageId: 'm1',
        sentAt: at(61),
      });
    });

    it('takes only the oldest open row of each chat (FIFO, one in flight)', async () => {
      await outbox.enqueue([row('s1', 'a'), row('s2', 'a'), row('s1', 'b')], T0);
      const firstClaim = await claim('w', T0);
      expect(firstClaim.map((r) => [r.storyId, r.chatKey])).toEqual([
        ['s1', 'telegram:a'],
        ['s1', 'telegram:b'],
      ]);
      expect(await claim('w', at(1))).toEqual([]);
      await outbox.markSent([firstClaim[0]?.id ?? 0], 'w', 'm', at(1));
      expect((await claim('w', at(1))).map((r) => r.storyId)).toEqual(['s2']);
    });

    it('honours the claim limit and the platform', async () => {
      await outbox.enqueue(
        [row('s1', 'a'), row('s1', 'b'), row('s1', 'c', { platform: 'discord' })],
        T0,
      );
      expect(await claim('w', T0, 1)).toHaveLength(1);
      const discord = await outbox.claimDue({
        owner: 'w',
        now: T0,
        leaseMs: LEASE,
        limit: 10,
        platform: 'discord',
      });
      expect(discord.map((r) => r.platform)).toEqual(['discord']);
    });

    it('reschedules a failed attempt, holding the chat until it is due', async () => {
      await outbox.enqueue([row('s1', 'a'), row('s2', 'a')], T0);
      const [leased] = await claim('w', T0);
      const failure = { error: '502 bad gateway', kind: 'transient' as const, countAttempt: true };
      await outbox.reschedule([leased?.id ?? 0], 'w', { ...failure, nextAttemptAt: at(30) }, T0);
      expect(await outbox.getRow(leased?.id ?? 0)).toMatchObject({
        state: 'failed',
        attempts: 1,
        lastError: '502 bad gateway',
        lastErrorKind: 'transient',
        nextAttemptAt: at(30),
      });
      expect(await claim('w', at(29))).toEqual([]);
      expect(await outbox.nextDueAt()).toEqual(at(30));
      expect((await claim('w', at(30))).map((r) => r.storyId)).toEqual(['s1']);
    });

    it('keeps a 429 wait pending without counting an attempt', async () => {
      await outbox.enqueue([row('s1', 'a')], T0);
      const [leased] = await claim('w', T0);
      const wait = { error: 'retry after 5 s', kind: 'retry' as const, countAttempt: false };
      await outbox.reschedule([leased?.id ?? 0], 'w', { ...wait, nextAttemptAt: at(5) }, T0);
      expect(await outbox.getRow(leased?.id ?? 0)).toMatchObject({
        state: 'pending',
        attempts: 0,
        lastErrorKind: 'retry',
      });
    });

    it('lets the chat go on past a dead row, and retries dead rows on demand', async () => {
      await outbox.enqueue([row('s1', 'a'), row('s2', 'a')], T0);
      const [leased] = await claim('w', T0);
      const dead = { error: '400 message too long', kind: 'invalid' as const };
      expect(await outbox.markDead([leased?.id ?? 0], 'w', dead, T0)).toBe(1);
      expect((await claim('w', T0)).map((r) => r.storyId)).toEqual(['s2']);
      const listed = await outbox.listDead(10);
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({ storyId: 's1', lastError: '400 message too long' });
      expect(await outbox.retryDead(at(1))).toBe(1);
      expect(await outbox.getRow(leased?.id ?? 0)).toMatchObject({ state: 'pending', attempts: 0 });
      expect((await outbox.countsByState()).dead).toBe(0);
    });

    it('lists failing rows and counts outcomes per hour and platform (the operator panel)', async () => {
      const discord = { platform: 'discord' as const, chatKey: 'discord:c' };
      await outbox.enqueue([row('s1', 'a'), row('s2', 'b'), row('s3', 'c', discord)], T0);
      const leased = await claim('w', T0);
      const byStory = (id: string) => leased.find((r) => r.storyId === id)?.id ?? 0;
      const later = new Date(T0.getTime() + 3_600_000);
      const failure = { error: '502', kind: 'transient' as const, countAttempt: true };
      await outbox.reschedule([byStory('s1')], 'w', { ...failure, nextAttemptAt: at(30) }, T0);
      await outbox.markSent([byStory('s2')], 'w', 'm-1', later);
      await outbox.markSent([byStory('s3')], 'w', 'm-2', later);
      expect((await outbox.listFailing(10)).map((r) => r.storyId)).toEqual(['s1']);
      expect(await outbox.activitySince(T0)).toEqual([
        { hour: T0, platform: 'telegram', state: 'failed', count: 1 },
        { hour: later, platform: 'discord', state: 'sent', count: 1 },
        { hour: later, platform: 'telegram', state: 'sent', count: 1 },
      ]);
      expect(await outbox.activitySince(at(1))).toHaveLength(2);
    });

    it('releases leased rows back to due', async () => {
      await outbox.enqueue([row('s1', 'a')], T0);
      const [leased] = await claim('w', T0);
      expect(await outbox.release([leased?.id ?? 0], 'w', at(1))).toBe(1);
      expect(await outbox.getRow(leased?.id ?? 0)).toMatchObject({ state: 'pending' });
      expect(await claim('v', at(1))).toHaveLength(1);
    });

    it('releases leased rows to a later time when asked', async () => {
      await outbox.enqueue([row('s1', 'a')], T0);
      const [leased] = await claim('w', T0);
      await outbox.release([leased?.id ?? 0], 'w', T0, at(20));
      expect(await outbox.getRow(leased?.id ?? 0)).toMatchObject({
        state: 'pending',
        nextAttemptAt: at(20),
        attempts: 0,
      });
      expect(await claim('v', at(19))).toEqual([]);
    });

    it('holds digest rows until their time, then claims the batch together', async () => {
      const digestAt = at(3600);
      const digest = (story: string) => row(story, 'd', { digestAt });
      await outbox.enqueue([digest('s1'), digest('s2'), digest('s3')], T0);
      expect(await claim('w', at(3599))).toEqual([]);
      expect(await outbox.nextDueAt()).toEqual(digestAt);
      const batch = await outbox.claimDue({
        owner: 'w',
        now: digestAt,
        leaseMs: LEASE,
        limit: 10,
        digestBatch: 2,
      });
      expect(batch.map((r) => r.storyId)).toEqual(['s1', 's2']);
      expect(batch.every((r) => r.digestAt?.getTime() === digestAt.getTime())).toBe(true);
      await outbox.markSent(ids(batch), 'w', 'm', digestAt);
      expect((await claim('w', digestAt)).map((r) => r.storyId)).toEqual(['s3']);
    });

    it("claims a chat's next instant posts of one subscription with its head (a batch)", async () => {
      const other = { subscriptionId: 'sub-other' };
      await outbox.enqueue(
        [
          row('s1', 'a'),
          row('s2', 'a'),
          row('s3', 'a'),
          row('s4', 'a', other),
          row('s5', 'a'),
          row('s1', 'b'),
          row('s2', 'b', { kind: 'follow-up', replyTo: 1 }),
          row('s3', 'b'),
        ],
        T0,
      );
      const batch = (now: Date, limit = 3) =>
        outbox.claimDue({ owner: 'w', now, leaseMs: LEASE, limit: 10, batch: limit });
      const first = await batch(T0);
      // Up to the batch's size, never past another subscription's row or a follow-up.
      expect(first.map((r) => [r.chatKey, r.storyId])).toEqual([
        ['telegram:a', 's1'],
        ['telegram:a', 's2'],
        ['telegram:a', 's3'],
        ['telegram:b', 's1'],
      ]);
      expect(first.every((r) => r.state === 'sending' && r.leaseOwner === 'w')).toBe(true);
      // The chat waits for its batch: nothing of it is claimed while the batch is out.
      expect(await batch(at(1))).toEqual([]);
      await outbox.markSent(ids(first.slice(0, 3)), 'w', 'm1', at(2));
      expect((await outbox.postsOfMessage('sub-a', 'm1')).map((r) => r.storyId)).toEqual([
        's1',
        's2',
        's3',
      ]);
      expect(await outbox.postsOfMessage('sub-a', 'other')).toEqual([]);
      expect((await batch(at(3))).map((r) => r.storyId)).toEqual(['s4']);
    });

    it('claims a batch again whole after its lease ran out (a crash before the ack)', async () => {
      await outbox.enqueue([row('s1', 'a'), row('s2', 'a'), row('s3', 'a')], T0);
      const batch = (owner: string, now: Date) =>
        outbox.claimDue({ owner, now, leaseMs: LEASE, limit: 10, batch: 20 });
      expect(await batch('gone', T0)).toHaveLength(3);
      expect(await batch('w', at(59))).toEqual([]);
      const again = await batch('w', at(61));
      expect(again.map((r) => r.storyId)).toEqual(['s1', 's2', 's3']);
      expect(await outbox.markSent(ids(again), 'gone', 'm', at(62))).toBe(0);
    });

    it('lists a subscription rows in order', async () => {
      await outbox.enqueue([row('s1', 'a'), row('s2', 'a'), row('s1', 'b')], T0);
      const rows = await outbox.listBySubscription('sub-a');
      expect(rows.map((r) => r.storyId)).toEqual(['s1', 's2']);
      expect(await outbox.nextDueAt()).toEqual(T0);
    });
  });
}
