import { afterEach, describe, expect, it } from 'vitest';
import type { Target } from '../../src/domain/subscription.ts';
import { startDeliveryRig, type DeliveryRig } from '../support/telegram-delivery-rig.ts';

/**
 * Chats that change under a subscription, as the Bot API reports it to the real telegraf: a
 * group upgraded to a supergroup (400 with parameters.migrate_to_chat_id), forum topics closed
 * (TOPIC_CLOSED) or deleted ("message thread not found").
 */
let rig: DeliveryRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const group = (id: number, threadId?: number): Target => ({
  platform: 'telegram',
  chatId: String(id),
  kind: 'group',
  ...(threadId === undefined ? {} : { threadId: String(threadId) }),
});
const firstLines = (rig: DeliveryRig, chatId: number) =>
  rig.standIn.messagesIn(chatId).map((m) => (m.text ?? m.caption)?.split('\n')[0]);
const callsTo = (rig: DeliveryRig, chatId: number, threadId?: number) =>
  rig.standIn.calls.filter(
    (c) =>
      c.body.chat_id === String(chatId) &&
      (threadId === undefined || c.body.message_thread_id === threadId),
  );

describe('a Telegram group upgraded to a supergroup', () => {
  it('the subscription follows migrate_to_chat_id: every story arrives there once, in order', async () => {
    rig = await startDeliveryRig({ batch: false });
    const supergroup = rig.standIn.upgradeGroup(-4001, -1009002, 'Readers', []);
    const sub = await rig.subscribe(group(-4001));
    await rig.addStory({ title: 'First', imageUrl: 'https://img.example/first.jpg' });
    await rig.addStory({ title: 'Second' });
    const tally = await rig.runUntilIdle();
    const third = await rig.addStory({ title: 'Third' });
    await rig.announceAgain(third);
    await rig.runUntilIdle();

    expect(firstLines(rig, supergroup.id)).toEqual(['First', 'Second', 'Third']);
    // The photo went to the new chat as a photo: the move was not taken for a broken image.
    expect(rig.standIn.messagesIn(supergroup.id)[0]?.photo).toBe('https://img.example/first.jpg');
    expect(callsTo(rig, -4001)).toHaveLength(1);
    expect(tally).toMatchObject({ sent: 2, rejected: 0, invalid: 0, failed: 0, dead: 0 });
    const after = await rig.subscriptions.getSubscription(sub.id);
    expect(after).toMatchObject({ active: true, target: group(supergroup.id) });
    const rows = await rig.outbox.listBySubscription(sub.id);
    expect(rows.map((r) => [r.state, r.attempts])).toEqual([
      ['sent', 0],
      ['sent', 0],
      ['sent', 0],
    ]);
  });

  it('when the supergroup has its own subscription, that one takes the stories: nothing twice', async () => {
    rig = await startDeliveryRig({ batch: false });
    const supergroup = rig.standIn.upgradeGroup(-4002, -1009003, 'Readers', []);
    const old = await rig.subscribe(group(-4002));
    const own = await rig.subscribe(group(supergroup.id));
    await rig.addStory({ title: 'Only once' });
    await rig.runUntilIdle();

    expect(firstLines(rig, supergroup.id)).toEqual(['Only once']);
    const after = await rig.subscriptions.getSubscription(old.id);
    expect(after?.active).toBe(false);
    expect(after?.inactiveReason).toMatch(/upgraded to a supergroup.*has its own subscription/);
    expect((await rig.subscriptions.getSubscription(own.id))?.active).toBe(true);
  });
});

describe('a closed or deleted forum topic', () => {
  it('deactivates its subscription with the reason, instead of dead-lettering each story', async () => {
    rig = await startDeliveryRig({ batch: false });
    const forum = rig.standIn.addGroup(-1009004, 'Forum', [], true);
    const closed = await rig.subscribe(group(forum.id, 5));
    const deleted = await rig.subscribe(group(forum.id, 6));
    await rig.subscribe(group(forum.id, 7));
    rig.standIn.closeTopic(forum.id, 5);
    rig.standIn.deleteTopic(forum.id, 6);
    for (const title of ['One', 'Two', 'Three']) await rig.addStory({ title });
    const tally = await rig.runUntilIdle();

    expect(await rig.subscriptions.getSubscription(closed.id)).toMatchObject({
      active: false,
      inactiveReason: expect.stringMatching(/400: Bad Request: TOPIC_CLOSED/) as unknown,
    });
    expect(await rig.subscriptions.getSubscription(deleted.id)).toMatchObject({
      active: false,
      inactiveReason: expect.stringMatching(/message thread not found/) as unknown,
    });
    expect(tally).toMatchObject({ sent: 3, rejected: 2, invalid: 0 });
    expect(callsTo(rig, forum.id, 5)).toHaveLength(1);
    expect(callsTo(rig, forum.id, 6)).toHaveLength(1);
    const topic7 = rig.standIn.messagesIn(forum.id).filter((m) => m.message_thread_id === 7);
    expect(topic7).toHaveLength(3);
  });
});
