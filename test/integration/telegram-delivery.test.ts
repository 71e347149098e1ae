import { afterEach, describe, expect, it } from 'vitest';
import { startDeliveryRig, type DeliveryRig } from '../support/telegram-delivery-rig.ts';

let rig: DeliveryRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const channel = { platform: 'telegram' as const, chatId: '@herald_news', kind: 'channel' as const };
const reader = (id: number) => ({
  platform: 'telegram' as const,
  chatId: String(id),
  kind: 'private' as const,
});

describe('telegram broadcasts through the real dispatcher', () => {
  it('posts each new story to the channel exactly once', async () => {
    rig = await startDeliveryRig({ channelId: '@herald_news', batch: false });
    expect(rig.platform.standingTargets?.()).toEqual([channel]);
    await rig.subscribe(channel);
    const titles = ['One', 'Two', 'Three', 'Four', 'Five'].map((w) => `Story ${w}`);
    const stories = [];
    for (const title of titles) stories.push(await rig.addStory({ title }));
    await rig.runUntilIdle();
    for (const story of stories) await rig.announceAgain(story);
    await rig.runUntilIdle();

    const posted = rig.standIn.messages.filter((m) => m.chat.type === 'channel');
    expect(posted.map((m) => m.text?.split('\n')[0]).sort()).toEqual([...titles].sort());
    expect(posted.every((m) => m.chat.username === 'herald_news')).toBe(true);
    const buttons = posted[0]?.reply_markup?.inline_keyboard.flat().map((b) => b.text);
    expect(buttons).toEqual(['Summary', 'Related', 'Coverage']);
  });

  it('escapes a title full of markup: the reader sees it as text', async () => {
    rig = await startDeliveryRig({ batch: false });
    rig.standIn.privateChat({ id: 42, is_bot: false, first_name: 'Dee' });
    await rig.subscribe(reader(42));
    const title = '<b>x</b> & <script>';
    await rig.addStory({ title, summary: ['A <i>lead</i> & more.'] });
    await rig.runUntilIdle();

    const [message] = rig.standIn.messagesIn(42);
    expect(message?.text?.split('\n')[0]).toBe(title);
    expect(message?.text).toContain('A <i>lead</i> & more.');
    expect(message?.raw).toContain('&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;');
    const titleEntities = message?.entities.filter((e) => e.offset === 0) ?? [];
    expect(titleEntities.map((e) => [e.type, e.length])).toEqual(
      expect.arrayContaining([['bold', title.length]]),
    );
  });

  it('loses nothing in a 429 storm: every story arrives once, later', async () => {
    rig = await startDeliveryRig({ batch: false });
    rig.standIn.privateChat({ id: 43, is_bot: false, first_name: 'Eve' });
    await rig.subscribe(reader(43));
    for (let i = 0; i < 6; i += 1) {
      rig.standIn.nextSendFaults.push({
        code: 429,
        description: 'Too Many Requests: retry after 7',
        retryAfter: 7,
      });
    }
    const stories = [];
    for (let i = 1; i <= 4; i += 1) stories.push(await rig.addStory({ title: `Storm ${i}` }));
    const started = rig.clock.now().getTime();
    const tally = await rig.runUntilIdle();

    const texts = rig.standIn.messagesIn(43).map((m) => m.text?.split('\n')[0]);
    expect(texts).toEqual(['Storm 1', 'Storm 2', 'Storm 3', 'Storm 4']);
    expect(rig.standIn.calls.filter((c) => c.status === 429)).toHaveLength(6);
    expect(tally).toMatchObject({ sent: 4, dead: 0, rejected: 0 });
    expect(rig.clock.now().getTime() - started).toBeGreaterThanOrEqual(6 * 7000);
  });

  it('deactivates the subscription of a user who blocked the bot', async () => {
    rig = await startDeliveryRig({ batch: false });
    rig.standIn.privateChat({ id: 44, is_bot: false, first_name: 'Finn' });
    rig.standIn.privateChat({ id: 45, is_bot: false, first_name: 'Gus' });
    const blocked = await rig.subscribe(reader(44));
    const fine = await rig.subscribe(reader(45));
    rig.standIn.chatFaults.set(44, {
      code: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    await rig.addStory({ title: 'First' });
    await rig.addStory({ title: 'Second' });
    const tally = await rig.runUntilIdle();

    const after = await rig.subscriptions.getSubscription(blocked.id);
    expect(after?.active).toBe(false);
    expect(after?.inactiveReason).toMatch(/403.*blocked/);
    expect((await rig.subscriptions.getSubscription(fine.id))?.active).toBe(true);
    expect(rig.standIn.messagesIn(45)).toHaveLength(2);
    expect(tally.rejected).toBeGreaterThanOrEqual(1);
    expect(rig.standIn.calls.filter((c) => c.body.chat_id === '44')).toHaveLength(1);
  });

  it('retries after a 5xx, posts to a forum topic, and sends photos (text when the photo fails)', async () => {
    rig = await startDeliveryRig({ batch: false });
    const group = rig.standIn.addGroup(-1009001, 'Forum', [], true);
    await rig.subscribe({ ...reader(group.id), kind: 'group', threadId: '77' });
    rig.standIn.nextSendFaults.push({ code: 502, description: 'Bad Gateway' });
    await rig.addStory({ title: 'Pictured', imageUrl: 'https://img.example/a.jpg' });
    await rig.addStory({ title: 'Broken picture', imageUrl: 'https://broken.example/b.jpg' });
    const tally = await rig.runUntilIdle();

    const [photo, text] = rig.standIn.messagesIn(group.id);
    expect(tally).toMatchObject({ sent: 2, failed: 1 });
    expect(photo?.photo).toBe('https://img.example/a.jpg');
    expect(photo?.caption?.split('\n')[0]).toBe('Pictured');
    expect(text?.photo).toBeUndefined();
    expect(text?.text?.split('\n')[0]).toBe('Broken picture');
    expect([photo?.message_thread_id, text?.message_thread_id]).toEqual([77, 77]);
  });

  it('sends 5 stories waiting for a chat as one message: a card, a list, a Summary button each', async () => {
    rig = await startDeliveryRig();
    rig.standIn.privateChat({ id: 44, is_bot: false, first_name: 'Fay' });
    await rig.subscribe(reader(44));
    const titles = ['<b>One</b> & co', 'Two', 'Three', 'Four', 'Five'];
    const stories = [];
    for (const title of titles) stories.push(await rig.addStory({ title, summary: [`${title}.`] }));
    await rig.runUntilIdle();

    const messages = rig.standIn.messagesIn(44);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message?.text).toMatch(/^5 new stories\n\n1\. <b>One<\/b> & co\n/);
    for (const [i, title] of titles.slice(1).entries())
      expect(message?.text).toContain(`${i + 2}. ${title}`);
    expect(message?.raw).toContain('&lt;b&gt;One&lt;/b&gt; &amp; co');
    const buttons = message?.reply_markup?.inline_keyboard.flat() ?? [];
    expect(buttons.map((b) => [b.text, b.callback_data])).toEqual(
      stories.map((s, i) => [`Summary ${i + 1}`, `s:${s.id}`]),
    );
    const rows = await rig.outbox.listBySubscription(
      (await rig.subscriptions.findByTarget(reader(44)))?.id ?? '',
    );
    expect(rows.map((r) => r.state)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
  });
});
