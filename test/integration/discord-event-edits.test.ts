import { afterEach, describe, expect, it } from 'vitest';
import { developmentOf } from '../../src/text/events/development.ts';
import { createEventBook } from '../support/event-book.ts';
import { COPY, FIRST, NEWS } from '../support/event-reports.ts';
import {
  channelTarget,
  startDiscordDeliveryRig,
  type DiscordDeliveryRig,
} from '../support/discord-delivery-rig.ts';
import { CHANNEL_TYPES } from '../support/discord-stand-in.ts';

const channels = [
  { id: '1300000000000000001', name: 'news', type: CHANNEL_TYPES.text },
  { id: '1300000000000000003', name: 'stories', type: CHANNEL_TYPES.forum },
];
const [news, forum] = channels.map((c) => c.id) as [string, string];

let rig: DiscordDeliveryRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

async function start(policy: 'event' | 'event+updates') {
  const book = createEventBook();
  const r = await startDiscordDeliveryRig({ channels, events: book, development: developmentOf });
  for (const id of [news, forum]) await r.subscribe(id, policy);
  const report = (fields: object) =>
    r.addStory(fields, (story) => {
      book.add('e1', story);
    });
  return { r, report };
}

const embedFooter = (body: { content?: string }) => body.content ?? '';

describe('discord: one post per event, edited and replied to through discord.js', () => {
  it('edits the post (PATCH) in a text channel and in a forum post, and posts nothing new', async () => {
    const { r, report } = await start('event');
    rig = r;
    await report(FIRST);
    await r.runUntilIdle();
    await report(COPY);
    await r.runUntilIdle();
    await report(NEWS);
    await r.runUntilIdle();
    for (const id of [news, forum]) {
      const posted = r.standIn.channelMessages(id);
      expect(posted).toHaveLength(1);
      expect(posted[0]?.edits).toBe(2);
      expect(embedFooter(posted[0]?.body ?? {})).toContain(
        'Also reported by: Outlet B, Outlet C (3 outlets)',
      );
    }
    const edits = r.standIn.messages.filter((m) => m.kind === 'message-edit');
    expect(edits).toHaveLength(4);
    // In the forum, the edit goes to the post's thread (its id is the thread's).
    const forumPost = r.standIn.channelMessages(forum)[0];
    expect(edits.filter((m) => m.where === forumPost?.id)).toHaveLength(2);
    expect(r.standIn.violations).toEqual([]);
  });

  it('replies to the post (message_reference), in a forum inside its thread', async () => {
    const { r, report } = await start('event+updates');
    rig = r;
    await report(FIRST);
    await r.runUntilIdle();
    await report(NEWS);
    await r.runUntilIdle();
    const [post] = r.standIn.channelMessages(news);
    const reply = r.standIn.messages.find((m) => m.where === news && m.replyTo !== undefined);
    expect(reply?.replyTo).toBe(post?.id);
    expect(reply?.body.content).toMatch(/Update: /);
    const forumPost = r.standIn.channelMessages(forum)[0];
    const inThread = r.standIn.messages.filter(
      (m) => m.where === forumPost?.id && m.kind === 'channel',
    );
    expect(inThread).toHaveLength(1);
    expect(r.standIn.channelMessages(forum)).toHaveLength(1);
  });

  it('makes the edit of a deleted message invalid, never the channel unsubscribed', async () => {
    const { r, report } = await start('event');
    rig = r;
    await report(FIRST);
    await r.runUntilIdle();
    const card = { kind: 'notice' as const, text: 'x' };
    const gone = await r.platform.edit?.(channelTarget(news), card, {
      messageId: '1399999999999999999',
      sentAt: new Date(),
    });
    expect(gone?.kind).toBe('invalid');
    expect(JSON.stringify(gone)).toContain('10008');
  });
});
