import { describe, expect, it } from 'vitest';
import { createAckRecorder } from '../../src/delivery/ack-recorder.ts';
import { createJobSource } from '../../src/delivery/job-source.ts';
import { createRateLimiter } from '../../src/delivery/rate-limiter.ts';
import { SlidingWindow } from '../../src/domain/sliding-window.ts';
import type { OutboxStore, SentMark } from '../../src/store/outbox-store.ts';
import { createVirtualTime } from '../support/delivery-fakes.ts';
import { createDeliveryHarness } from '../support/delivery-harness.ts';

const target = (chatId: string) => ({
  platform: 'telegram' as const,
  chatId,
  kind: 'private' as const,
});

describe('sliding window: a send counted from when it finished', () => {
  it('moves a grant later and keeps the log ordered', () => {
    const w = new SlidingWindow(2, 1000);
    w.record(0);
    w.record(10);
    expect(w.delay(20)).toBe(980);
    w.move(0, 50);
    expect(w.delay(20)).toBe(990);
    w.move(10, 40);
    expect(w.delay(20)).toBe(1020);
  });
});

describe('rate limiter: departed()', () => {
  it('holds the next window until one window after the late send left', async () => {
    const time = createVirtualTime(new Date('2026-06-01T00:00:00Z'));
    const limits = {
      telegram: { rules: [{ scope: 'platform' as const, limit: 1, windowMs: 1000 }] },
    };
    const limiter = createRateLimiter({ limits, clock: time.clock, sleep: time.sleep });
    const first = await limiter.acquire('telegram', target('a'));
    if (!first.ok || first.grantedAt === undefined) throw new Error('no permit');
    limiter.departed?.('telegram', target('a'), first.grantedAt, first.grantedAt + 300);
    expect(limiter.delayFor('telegram', target('b'))).toBe(1300);
  });
});

describe('ack recorder', () => {
  it('records the acks of one event-loop turn in one store call, each caller its own count', async () => {
    const calls: SentMark[][] = [];
    const outbox = {
      markSent: () => Promise.reject(new Error('not batched')),
      markSentMany: (marks: readonly SentMark[]) => {
        calls.push([...marks]);
        return Promise.resolve(marks.map((m) => m.ids.length));
      },
    } as unknown as OutboxStore;
    const acks = createAckRecorder(outbox);
    const now = new Date();
    const counts = await Promise.all([
      acks.markSent({ ids: [1], owner: 'o', messageId: 'm1' }, now),
      acks.markSent({ ids: [2, 3], owner: 'o', messageId: 'm2' }, now),
    ]);
    expect(counts).toEqual([1, 2]);
    expect(calls).toHaveLength(1);
  });
});

describe('job source', () => {
  it('claims several chats in one claim and releases what was not handed out', async () => {
    const h = createDeliveryHarness();
    for (const chatId of ['a', 'b', 'c']) await h.subscribe({ chatId });
    await h.fanOut.enqueueStories([await h.addStory()]);
    let owners = 0;
    const source = createJobSource({
      outbox: h.outbox,
      clock: h.clock,
      platform: 'telegram',
      leaseMs: 60_000,
      digestBatch: 20,
      batch: 8,
      owner: () => `o${(owners += 1)}`,
    });
    const first = await source.next(true);
    expect(first?.rows).toHaveLength(1);
    expect(owners).toBe(1);
    expect((await h.outbox.countsByState()).sending).toBe(3);
    await source.releaseQueued();
    expect((await h.outbox.countsByState()).sending).toBe(1);
  });
});
