import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../adapters/discord/render.ts';
import { checkMessage } from '../../adapters/discord/limits.ts';
import { visibleLength } from '../../adapters/telegram/html.ts';
import { renderReply as renderTelegram } from '../../adapters/telegram/render.ts';
import { TELEGRAM_LIMITS } from '../../adapters/telegram/limits.ts';
import { renderReply as renderWhatsApp, WHATSAPP_LIMITS } from '../../adapters/whatsapp/render.ts';
import { renderReply as renderConsole } from '../../adapters/console/render.ts';
import { developmentOf } from '../../src/text/events/development.ts';
import type { Reply } from '../../src/domain/reply.ts';
import type { Story } from '../../src/domain/story.ts';
import {
  createDeliveryHarness,
  runUntilIdle,
  type DeliveryHarness,
} from '../support/delivery-harness.ts';
import { tooMany } from '../support/delivery-fakes.ts';
import { createEventBook } from '../support/event-book.ts';
import { COPY, FIRST } from '../support/event-reports.ts';

/** `n` stories waiting for the chat at once (a feed that published n items). */
async function waiting(h: DeliveryHarness, n: number, fields: Partial<Story> = {}) {
  const stories: Story[] = [];
  for (let i = 0; i < n; i += 1) stories.push(await h.addStory(fields));
  await h.fanOut.enqueueStories(stories);
  return stories;
}

const storyIds = (reply: Reply): string[] =>
  reply.kind === 'card'
    ? [reply.card.id]
    : reply.kind === 'cards'
      ? reply.cards.map((c) => c.id)
      : [];

describe('several stories waiting for one chat go as one message (ADR 0029)', () => {
  it('sends 5 waiting stories as one message: the first one’s card and a numbered list', async () => {
    const h = createDeliveryHarness();
    const sub = await h.subscribe({ chatId: 'a' });
    const stories = await waiting(h, 5);
    expect(await h.dispatcher.runOnce()).toMatchObject({ sent: 5 });
    const calls = h.platform().calls;
    expect(calls).toHaveLength(1);
    const reply = calls[0]?.reply;
    expect(reply).toMatchObject({ kind: 'cards', lead: true, heading: '5 new stories' });
    expect(storyIds(reply as Reply)).toEqual(stories.map((s) => s.id));
    if (reply?.kind === 'cards') expect(reply.cards.map((c) => c.number)).toEqual([1, 2, 3, 4, 5]);
    const rows = await h.outbox.listBySubscription(sub.id);
    expect(rows.map((r) => [r.state, r.messageId])).toEqual(stories.map(() => ['sent', 'm1']));
  });

  it('sends a story alone as its full card, as ever', async () => {
    const h = createDeliveryHarness();
    await h.subscribe({ chatId: 'a' });
    const [story] = await waiting(h, 1);
    await h.dispatcher.runOnce();
    expect(h.platform().calls.map((c) => c.reply)).toMatchObject([
      { kind: 'card', card: { id: story?.id } },
    ]);
  });

  it('splits a batch too long for one message into several, each within the limit', async () => {
    const h = createDeliveryHarness();
    const sub = await h.subscribe({ chatId: 'a' });
    const long = {
      title: `A very long headline ${'that goes on and on '.repeat(11)}`,
      url: undefined,
      summary: ['A long first sentence of the summary. '.repeat(20)],
    };
    const stories: Story[] = [];
    for (let i = 0; i < 20; i += 1)
      stories.push(await h.addStory({ ...long, url: `https://news.example/long/${i}` }));
    await h.fanOut.enqueueStories(stories);
    await runUntilIdle(h);
    const replies = h.platform().calls.map((c) => c.reply);
    expect(replies.length).toBeGreaterThan(1);
    expect(replies.length).toBeLessThan(20);
    // Every story once, in order, across the messages.
    expect(replies.flatMap(storyIds)).toEqual(stories.map((s) => s.id));
    for (const reply of replies) {
      const telegram = renderTelegram(reply, { timeZone: 'UTC', mode: 'broadcast' });
      expect(visibleLength(telegram.lines)).toBeLessThanOrEqual(TELEGRAM_LIMITS.textChars);
      expect(checkMessage(renderMessage(reply))).toEqual([]);
      const whatsapp = renderWhatsApp(reply, { timeZone: 'UTC' });
      expect('text' in whatsapp ? whatsapp.text.length : whatsapp.caption.length).toBeLessThan(
        WHATSAPP_LIMITS.textChars,
      );
    }
    const rows = await h.outbox.listBySubscription(sub.id);
    expect(rows.every((r) => r.state === 'sent')).toBe(true);
    expect(new Set(rows.map((r) => r.messageId)).size).toBe(replies.length);
  });

  it('sends one message a story on `batch off`', async () => {
    const h = createDeliveryHarness();
    const sub = await h.subscribe({ chatId: 'a' });
    await h.subscriptions.updateSubscription(
      sub.id,
      { preferences: { batch: false } },
      h.clock.now(),
    );
    const stories = await waiting(h, 5);
    await runUntilIdle(h);
    const replies = h.platform().calls.map((c) => c.reply);
    expect(replies.map((r) => r.kind)).toEqual(['card', 'card', 'card', 'card', 'card']);
    expect(replies.flatMap(storyIds)).toEqual(stories.map((s) => s.id));
  });

  it('keeps two subscriptions of one chat apart, each in its own batch', async () => {
    const h = createDeliveryHarness();
    await h.subscribe({ chatId: 'a' });
    await h.subscribe({ chatId: 'a', threadId: '7' });
    await h.subscribe({ chatId: 'b' });
    await waiting(h, 3);
    expect(await h.dispatcher.runOnce()).toMatchObject({ sent: 9 });
    expect(h.platform().calls.map((c) => storyIds(c.reply).length)).toEqual([3, 3, 3]);
  });

  it('sends the rest of a batch once after a 429 on one of its messages, nothing twice', async () => {
    const h = createDeliveryHarness();
    await h.subscribe({ chatId: 'a' });
    const long = {
      title: `Long ${'words in a long title '.repeat(10)}`,
      summary: ['x '.repeat(900)],
    };
    const stories: Story[] = [];
    for (let i = 0; i < 12; i += 1) stories.push(await h.addStory(long));
    await h.fanOut.enqueueStories(stories);
    h.platform().respond = (_target, _reply, n) => (n === 1 ? tooMany(2000) : undefined);
    await runUntilIdle(h);
    const acked = h
      .platform()
      .acked()
      .flatMap((c) => storyIds(c.reply));
    expect(acked).toEqual(stories.map((s) => s.id));
    expect(h.platform().calls.filter((c) => c.outcome.kind === 'retry')).toHaveLength(1);
  });

  it('renders a batch on every platform: the list, a Summary button per story, text escaped', () => {
    const card = (n: number, title: string) => ({
      id: `story-${n}`,
      title,
      source: 'Example <News>',
      publishedAt: new Date('2026-06-01T07:00:00Z'),
      summary: ['First <b>sentence</b>.'],
      excerpt: '',
      url: `https://news.example/${n}`,
      topics: [],
      keywords: [],
      number: n,
    });
    const reply: Reply = {
      kind: 'cards',
      lead: true,
      heading: '3 new stories',
      cards: [card(1, 'One <script>'), card(2, 'Two *bold* _it_'), card(3, 'Three')],
    };
    const telegram = renderTelegram(reply, { timeZone: 'UTC', mode: 'broadcast' });
    const buttons = telegram.keyboard?.inline_keyboard.flat() ?? [];
    expect(buttons.map((b) => [b.text, b.callback_data])).toEqual([
      ['Summary 1', 's:story-1'],
      ['Summary 2', 's:story-2'],
      ['Summary 3', 's:story-3'],
    ]);
    expect(telegram.photo).toBeUndefined();
    const discord = renderMessage(reply);
    expect(checkMessage(discord)).toEqual([]);
    expect(
      discord.components
        .flatMap((r) => r.components)
        .map((b) => ('label' in b ? b.label : undefined)),
    ).toEqual(['Summary 1', 'Summary 2', 'Summary 3']);
    expect(discord.embeds[1]?.description).toContain('2. [Two \\*bold\\* \\_it\\_]');
    const whatsapp = renderWhatsApp(reply, { timeZone: 'UTC' });
    expect('text' in whatsapp && whatsapp.text).toContain('2. *Two ∗bold∗ ˍitˍ*');
    expect('text' in whatsapp && whatsapp.text).toContain('https://news.example/3');
    const console = renderConsole(reply, { timeZone: 'UTC' });
    expect(console).toMatch(/3 new stories[\s\S]*1\. One <script>[\s\S]*2\. Two[\s\S]*3\. Three/);
  });
});

describe('a batch and delivery by event (ADR 0029)', () => {
  it('edits the batch message when another outlet reports one of its stories', async () => {
    const book = createEventBook();
    const h = createDeliveryHarness({ events: book, development: developmentOf });
    await h.subscribe({ chatId: 'a' }, { policy: 'event' });
    const other = await h.addStory({ title: 'Other news', source: 'Outlet Z' });
    book.add('e0', other);
    const first = await h.addStory(FIRST);
    book.add('e1', first);
    await h.fanOut.enqueueStories([other, first]);
    await runUntilIdle(h);
    h.clock.set(h.clock.now().getTime() + 60_000);
    const copy = await h.addStory(COPY);
    book.add('e1', copy);
    await h.fanOut.enqueueStory(copy);
    await runUntilIdle(h);
    const [post, edit, ...more] = h.platform().calls;
    expect(more).toEqual([]);
    expect(storyIds(post?.reply as Reply)).toEqual([other.id, first.id]);
    expect(edit?.edit?.messageId).toBe('m1');
    // The whole batch again, the edited story with its outlets.
    expect(edit?.reply).toMatchObject({ kind: 'cards', lead: true });
    if (edit?.reply.kind === 'cards')
      expect(edit.reply.cards.map((c) => [c.id, c.outlets])).toEqual([
        [other.id, undefined],
        [first.id, 2],
      ]);
  });
});
