import { afterEach, describe, expect, it } from 'vitest';
import { developmentOf } from '../../src/text/events/development.ts';
import { createEventBook } from '../support/event-book.ts';
import { COPY, FIRST, NEWS } from '../support/event-reports.ts';
import { startDeliveryRig, type DeliveryRig } from '../support/telegram-delivery-rig.ts';

let rig: DeliveryRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const reader = { platform: 'telegram' as const, chatId: '42', kind: 'private' as const };

/** The rig with events, and a reader's private chat subscribed on `policy`. */
async function start(policy: 'event' | 'event+updates') {
  const book = createEventBook();
  const r = await startDeliveryRig({ events: book, development: developmentOf });
  r.standIn.privateChat({ id: 42, is_bot: false, first_name: 'Dee' });
  await r.subscribe(reader, policy);
  const report = (fields: object, event = 'e1') =>
    r.addStory(fields, (story) => {
      book.add(event, story);
    });
  return { r, report };
}

describe('telegram: one post per event, edited and replied to through telegraf', () => {
  it('edits the text post to name each outlet, and posts nothing new', async () => {
    const { r, report } = await start('event');
    rig = r;
    await report(FIRST);
    await r.runUntilIdle();
    await report(COPY);
    await r.runUntilIdle();
    await report(NEWS);
    await r.runUntilIdle();
    const messages = r.standIn.messagesIn(42);
    expect(messages).toHaveLength(1);
    const [post] = messages;
    expect(post?.edits).toHaveLength(2);
    expect(post?.edits?.[0]).toContain('Also reported by: Outlet B (2 outlets)');
    expect(post?.text).toContain('Also reported by: Outlet B, Outlet C (3 outlets)');
    expect(post?.text?.split('\n')[0]).toBe(FIRST.title);
    // The edit keeps the post's buttons.
    expect(post?.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      'Summary',
      'Related',
      'Coverage',
    ]);
    // The card shows the outlets' count too.
    expect(post?.text).toContain('Outlet A and 2 more outlets');
  });

  it("edits a photo post's caption", async () => {
    const { r, report } = await start('event');
    rig = r;
    await report({ ...FIRST, imageUrl: 'https://img.example/bridge.jpg' });
    await r.runUntilIdle();
    await report(COPY);
    await r.runUntilIdle();
    const [post] = r.standIn.messagesIn(42);
    expect(post?.photo).toBe('https://img.example/bridge.jpg');
    expect(post?.caption).toContain('Also reported by: Outlet B (2 outlets)');
    expect(post?.edits).toHaveLength(1);
  });

  it('edits as text a photo post that went out as text', async () => {
    const { r, report } = await start('event');
    rig = r;
    await report({ ...FIRST, imageUrl: 'https://broken.example/bridge.jpg' });
    await r.runUntilIdle();
    await report(COPY);
    await r.runUntilIdle();
    const [post] = r.standIn.messagesIn(42);
    expect(post?.photo).toBeUndefined();
    expect(post?.text).toContain('Also reported by: Outlet B (2 outlets)');
  });

  it('counts an edit that changes nothing ("message is not modified") as done', async () => {
    const { r, report } = await start('event');
    rig = r;
    const first = await report(FIRST);
    await r.runUntilIdle();
    const [post] = r.standIn.messagesIn(42);
    const messageId = String(post?.message_id);
    const card = {
      kind: 'card' as const,
      card: {
        id: first.id,
        title: 'Edited',
        source: 'Outlet A',
        publishedAt: first.publishedAt,
        summary: [],
        excerpt: 'x',
        topics: [],
        keywords: [],
      },
    };
    const of = { messageId, sentAt: new Date() };
    expect(await r.platform.edit?.(reader, card, of)).toEqual({ kind: 'sent', messageId });
    expect(await r.platform.edit?.(reader, card, of)).toEqual({ kind: 'sent', messageId });
    expect(r.standIn.messagesIn(42)[0]?.edits).toHaveLength(1);
    const gone = await r.platform.edit?.(reader, card, { ...of, messageId: '999' });
    expect(gone?.kind).toBe('invalid');
    expect(JSON.stringify(gone)).toContain('message to edit not found');
  });

  it('replies to the first post with a development on event+updates', async () => {
    const { r, report } = await start('event+updates');
    rig = r;
    await report(FIRST);
    await r.runUntilIdle();
    await report(COPY);
    await report(NEWS);
    await r.runUntilIdle();
    const [post, followUp, ...rest] = r.standIn.messagesIn(42);
    expect(rest).toEqual([]);
    expect(followUp?.reply_to).toBe(post?.message_id);
    expect(followUp?.text).toMatch(/^Update: /);
    expect(followUp?.text).toContain(NEWS.title);
    expect(post?.edits).toHaveLength(2);
  });

  it('waits out a 429 on an edit and retries a 5xx, then edits once', async () => {
    const { r, report } = await start('event');
    rig = r;
    await report(FIRST);
    await r.runUntilIdle();
    r.standIn.nextSendFaults.push(
      { code: 429, description: 'Too Many Requests: retry after 3', retryAfter: 3 },
      { code: 502, description: 'Bad Gateway' },
    );
    await report(COPY);
    const tally = await r.runUntilIdle();
    expect(tally).toMatchObject({ sent: 1, retried: 1, failed: 1, dead: 0 });
    const [post] = r.standIn.messagesIn(42);
    expect(post?.edits).toHaveLength(1);
    expect(r.standIn.messagesIn(42)).toHaveLength(1);
  });

  it('edits a batch message when another outlet reports one of its stories (ADR 0029)', async () => {
    const { r, report } = await start('event');
    rig = r;
    await report({ title: 'Other news today', source: 'Outlet Z' }, 'e0');
    await report(FIRST);
    await r.runUntilIdle();
    await report(COPY);
    await r.runUntilIdle();
    const messages = r.standIn.messagesIn(42);
    expect(messages).toHaveLength(1);
    const [batch] = messages;
    expect(batch?.edits).toHaveLength(1);
    expect(batch?.text).toMatch(/^2 new stories\n\n1\. Other news today\n/);
    expect(batch?.text).toContain(`2. ${FIRST.title}`);
    expect(batch?.text).toContain('Outlet A and 1 more outlet');
    expect(batch?.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      'Summary 1',
      'Summary 2',
    ]);
  });
});
