import { afterEach, describe, expect, it } from 'vitest';
import { openCommandFixture } from '../support/commands-fixture.ts';
import {
  alice,
  bob,
  carol,
  startTelegramRig,
  type TelegramRig,
} from '../support/telegram-harness.ts';

let rig: TelegramRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

describe('telegram commands through real telegraf and the stand-in Bot API', () => {
  it('answers /latest with story cards, and Summary with the summary', async () => {
    const fixture = await openCommandFixture({ subscriptions: 'sqlite' });
    rig = await startTelegramRig(fixture.handler);
    const { standIn } = rig;
    expect(standIn.commands[0]?.commands).toContainEqual(
      expect.objectContaining({ command: 'latest' }),
    );

    standIn.say(alice, '/latest 3');
    await standIn.until(() => standIn.messagesIn(alice.id).length === 1);
    const [list] = standIn.messagesIn(alice.id);
    expect(list?.text).toContain('Latest stories');
    expect(list?.text).toContain('1. ');
    const buttons = list?.reply_markup?.inline_keyboard.flat() ?? [];
    expect(buttons.map((b) => b.text)).toEqual(expect.arrayContaining(['Summary 1', 'Related 1']));
    const summaryButton = buttons.find((b) => b.text === 'Summary 1');
    expect(summaryButton?.callback_data).toMatch(/^s:/);

    if (list === undefined || summaryButton?.callback_data === undefined)
      throw new Error('no list');
    standIn.press(alice, list, summaryButton.callback_data);
    await standIn.until(() => standIn.messagesIn(alice.id).length === 2);
    expect(standIn.callbackAnswers).toHaveLength(1);
    const summary = standIn.messagesIn(alice.id)[1];
    expect(summary?.text).toContain('•');
    expect(summary?.reply_to).toBe(list.message_id);
    expect(summary?.entities.some((e) => e.type === 'bold')).toBe(true);
  });

  it('takes /cmd@ThisBot in a group and ignores /cmd@OtherBot', async () => {
    const fixture = await openCommandFixture();
    rig = await startTelegramRig(fixture.handler);
    const { standIn } = rig;
    const group = standIn.addGroup(-1001234, 'Readers', [carol.id]);
    standIn.say(bob, '/help@OtherBot', group);
    standIn.say(bob, 'latest', group);
    standIn.say(bob, '/topics@HeraldTestBot', group);
    await standIn.until(() => standIn.messagesIn(group.id).length === 1);
    expect(standIn.messagesIn(group.id)[0]?.text).toMatch(/topic/i);
  });

  it('does not let a group member who is not an admin subscribe the group', async () => {
    const fixture = await openCommandFixture({ subscriptions: 'sqlite' });
    rig = await startTelegramRig(fixture.handler);
    const { standIn } = rig;
    const group = standIn.addGroup(-1005555, 'Readers', [carol.id]);

    standIn.say(bob, '/subscribe', group);
    await standIn.until(() => standIn.messagesIn(group.id).length === 1);
    const target = {
      platform: 'telegram' as const,
      chatId: String(group.id),
      kind: 'group' as const,
    };
    expect(await fixture.subscriptions.findByTarget(target)).toBeUndefined();
    expect(standIn.calls.some((c) => c.method === 'getChatAdministrators')).toBe(true);

    standIn.say(carol, '/subscribe', group);
    await standIn.until(() => standIn.messagesIn(group.id).length === 2);
    expect((await fixture.subscriptions.findByTarget(target))?.active).toBe(true);
  });
});
