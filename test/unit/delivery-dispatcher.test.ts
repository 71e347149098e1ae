import { describe, expect, it } from 'vitest';
import type { Story } from '../../src/domain/story.ts';
import {
  badRequest,
  forbidden,
  serverError,
  tooMany,
  type SendCall,
} from '../support/delivery-fakes.ts';
import { createDeliveryHarness, type DeliveryHarness } from '../support/delivery-harness.ts';

const pairsOf = (calls: SendCall[]) =>
  calls.map((c) => `${c.target.chatId}/${c.reply.kind === 'card' ? c.reply.card.id : 'cards'}`);

async function enqueueAll(h: DeliveryHarness, stories: Story[]) {
  return h.fanOut.enqueueStories(stories);
}

/** Runs the dispatcher, moving virtual time to the next due row, until nothing is open. */
async function runUntilIdle(h: DeliveryHarness, maxRounds = 100) {
  for (let round = 0; round < maxRounds; round += 1) {
    await h.dispatcher.runOnce();
    const next = await h.outbox.nextDueAt();
    if (next === undefined) return;
    if (next > h.clock.now()) h.clock.set(next);
  }
  throw new Error('the outbox never emptied');
}

describe('dispatcher', () => {
  it('delivers each story to each subscriber exactly once, retries included', async () => {
    const h = createDeliveryHarness({ batch: false });
    await h.subscribe({ chatId: 'a' });
    await h.subscribe({ chatId: 'b' });
    const stories = [await h.addStory(), await h.addStory(), await h.addStory()];
    h.platform().respond = (_t, _r, call) =>
      [serverError(), tooMany(3000), undefined][call % 3] ?? undefined;
    await enqueueAll(h, stories);
    await enqueueAll(h, stories);
    await runUntilIdle(h);
    await h.dispatcher.runOnce();
    const acked = pairsOf(h.platform().acked());
    expect(acked).toHaveLength(6);
    expect(new Set(acked).size).toBe(6);
    expect((await h.outbox.countsByState()).sent).toBe(6);
  });

  it('sends a chat its stories in story order', async () => {
    const h = createDeliveryHarness({ batch: false });
    await h.subscribe({ chatId: 'a' });
    const stories = [await h.addStory(), await h.addStory(), await h.addStory()];
    h.platform().queue.push(serverError());
    await enqueueAll(h, stories);
    await runUntilIdle(h);
    expect(pairsOf(h.platform().acked())).toEqual(stories.map((s) => `a/${s.id}`));
  });

  it('waits exactly retry_after on a 429, without counting an attempt, and slows the bucket', async () => {
    // One send in flight, so the second chat's send starts after the 429 came back.
    const h = createDeliveryHarness({ config: { maxInFlight: 1 } });
    await h.subscribe({ chatId: 'a' });
    await h.subscribe({ chatId: 'b' });
    h.platform().queue.push(tooMany(7000));
    const t0 = h.clock.now().getTime();
    await enqueueAll(h, [await h.addStory()]);
    expect((await h.dispatcher.runOnce()).retried).toBe(1);
    const calls = h.platform().calls.map((c) => [c.target.chatId, c.outcome.kind, c.at - t0]);
    const first = String(calls[0]?.[0]);
    const second = first === 'a' ? 'b' : 'a';
    expect(calls).toEqual([
      [first, 'retry', 0],
      [second, 'sent', 7000],
      [first, 'sent', 7000],
    ]);
    const target = { platform: 'telegram', chatId: first, kind: 'private' } as const;
    const sub = await h.subscriptions.findByTarget(target);
    const [row] = await h.outbox.listBySubscription(sub?.id ?? '');
    expect(row).toMatchObject({ state: 'sent', attempts: 0, lastErrorKind: 'retry' });
  });

  it('backs off through a 5xx storm, then delivers', async () => {
    const h = createDeliveryHarness();
    const sub = await h.subscribe({ chatId: 'a' });
    h.platform().queue.push(serverError(), serverError(), serverError(), serverError());
    await enqueueAll(h, [await h.addStory()]);
    const waits: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      expect((await h.dispatcher.runOnce()).failed).toBe(1);
      const [row] = await h.outbox.listBySubscription(sub.id);
      expect(row).toMatchObject({ state: 'failed', attempts: i + 1 });
      waits.push((row?.nextAttemptAt.getTime() ?? 0) - h.clock.now().getTime());
      h.clock.set(row?.nextAttemptAt ?? 0);
    }
    expect(waits).toEqual([1500, 3000, 6000, 12000]);
    expect((await h.dispatcher.runOnce()).sent).toBe(1);
    expect(h.platform().calls).toHaveLength(5);
  });

  it('gives up after the configured attempts and keeps the row for the operator', async () => {
    const h = createDeliveryHarness({ config: { maxAttempts: 3 } });
    const sub = await h.subscribe({ chatId: 'a' });
    h.platform().respond = serverError;
    await enqueueAll(h, [await h.addStory()]);
    await runUntilIdle(h);
    expect(h.platform().calls).toHaveLength(3);
    const [dead] = await h.outbox.listDead(10);
    expect(dead).toMatchObject({ state: 'dead', attempts: 3, lastErrorKind: 'exhausted' });
    expect(dead?.lastError).toContain('502 bad gateway');
    h.platform().respond = () => undefined;
    expect(await h.outbox.retryDead(h.clock.now())).toBe(1);
    await runUntilIdle(h);
    expect((await h.outbox.listBySubscription(sub.id))[0]?.state).toBe('sent');
  });

  it('deactivates the subscription on a 403 and sends it nothing more', async () => {
    const h = createDeliveryHarness({ batch: false });
    const sub = await h.subscribe({ chatId: 'a' });
    h.platform().queue.push(forbidden());
    await enqueueAll(h, [await h.addStory(), await h.addStory()]);
    const tally = await h.dispatcher.runOnce();
    expect(tally).toMatchObject({ rejected: 1, dead: 1, sent: 0 });
    expect(h.platform().calls).toHaveLength(1);
    expect(await h.subscriptions.getSubscription(sub.id)).toMatchObject({
      active: false,
      inactiveReason: '403 bot was blocked by the user',
    });
    const rows = await h.outbox.listBySubscription(sub.id);
    expect(rows.map((r) => [r.state, r.lastErrorKind])).toEqual([
      ['dead', 'rejected'],
      ['dead', 'inactive'],
    ]);
    expect((await h.fanOut.enqueueStory(await h.addStory())).matched).toBe(0);
  });

  it('records a 400, never retries it, and still sends the chat its next story', async () => {
    const h = createDeliveryHarness({ batch: false });
    const sub = await h.subscribe({ chatId: 'a' });
    h.platform().queue.push(badRequest());
    const [bad, next] = [await h.addStory(), await h.addStory()];
    await enqueueAll(h, [bad, next]);
    const tally = await h.dispatcher.runOnce();
    expect(tally).toMatchObject({ invalid: 1, sent: 1 });
    const rows = await h.outbox.listBySubscription(sub.id);
    expect(rows.map((r) => r.state)).toEqual(['dead', 'sent']);
    expect(rows[0]?.lastError).toBe('invalid: 400 message is too long');
    await runUntilIdle(h);
    expect(h.platform().calls).toHaveLength(2);
  });

  it('batches a digest subscription into one message at its time', async () => {
    const h = createDeliveryHarness({ batch: false });
    const sub = await h.subscribe({ chatId: 'd' }, { mode: { kind: 'digest', times: ['08:00'] } });
    await h.subscribe({ chatId: 'i' });
    const stories = [await h.addStory(), await h.addStory(), await h.addStory()];
    await enqueueAll(h, stories);
    await h.dispatcher.runOnce();
    expect(h.platform().calls.map((c) => c.target.chatId)).toEqual(['i', 'i', 'i']);
    h.clock.set(new Date('2026-06-01T08:00:00Z'));
    expect((await h.dispatcher.runOnce()).sent).toBe(3);
    const digest = h.platform().calls.filter((c) => c.target.chatId === 'd');
    expect(digest).toHaveLength(1);
    const reply = digest[0]?.reply;
    expect(reply?.kind).toBe('cards');
    if (reply?.kind === 'cards')
      expect(reply.cards.map((c) => c.id)).toEqual(stories.map((s) => s.id));
    const rows = await h.outbox.listBySubscription(sub.id);
    expect(new Set(rows.map((r) => r.messageId)).size).toBe(1);
  });

  it('releases rows still waiting for the limiter when stopped', async () => {
    const sleeping: number[] = [];
    const h = createDeliveryHarness({
      batch: false,
      platforms: ['whatsapp'],
      sleep: (ms, signal) =>
        new Promise((_resolve, reject) => {
          sleeping.push(ms);
          signal?.addEventListener('abort', () => {
            reject(new Error('aborted'));
          });
        }),
    });
    const sub = await h.subscribe({ chatId: 'a', platform: 'whatsapp' });
    await enqueueAll(h, [await h.addStory(), await h.addStory()]);
    const run = h.dispatcher.runOnce();
    while (sleeping.length === 0) await new Promise((r) => setImmediate(r));
    await h.dispatcher.stop();
    await run;
    const rows = await h.outbox.listBySubscription(sub.id);
    expect(rows.map((r) => r.state)).toEqual(['sent', 'pending']);
    expect(await h.dispatcher.runOnce()).toMatchObject({ sent: 0 });
  });

  it('claims nothing for a stopped platform: its rows wait with their attempts', async () => {
    const h = createDeliveryHarness();
    for (const chatId of ['a', 'b', 'c']) await h.subscribe({ chatId });
    await enqueueAll(h, [await h.addStory()]);
    h.platform().state = () => 'stopped';
    for (let tick = 0; tick < 10; tick += 1) await h.dispatcher.runOnce();
    expect(h.platform().calls).toHaveLength(0);
    expect(await h.outbox.countsByState()).toMatchObject({ pending: 3, sending: 0 });

    h.platform().state = () => 'ready';
    expect(await h.dispatcher.runOnce()).toMatchObject({ sent: 3 });
  });

  it('an unavailable platform gets no more sends this run; its rows keep their attempts', async () => {
    const h = createDeliveryHarness({ config: { maxInFlight: 1 } });
    for (const chatId of ['a', 'b', 'c']) await h.subscribe({ chatId });
    await enqueueAll(h, [await h.addStory()]);
    h.platform().queue.push({ kind: 'unavailable', reason: 'logged out' });
    expect(await h.dispatcher.runOnce()).toMatchObject({ sent: 0, retried: 1, failed: 0 });
    expect(h.platform().calls).toHaveLength(1);
    const waiting = await h.outbox.getRow(1);
    expect(waiting).toMatchObject({ state: 'pending', attempts: 0, lastErrorKind: 'unavailable' });

    expect(await h.dispatcher.runOnce()).toMatchObject({ sent: 3 });
  });
});
