import { afterEach, describe, expect, it } from 'vitest';
import type { StoryCard } from '../../src/domain/reply.ts';
import {
  channelTarget,
  startDiscordDeliveryRig,
  type DiscordDeliveryRig,
} from '../support/discord-delivery-rig.ts';
import { CHANNEL_TYPES, MISSING_PERMISSIONS } from '../support/discord-stand-in.ts';

let rig: DiscordDeliveryRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const channels = [
  { id: '1300000000000000001', name: 'news', type: CHANNEL_TYPES.text },
  { id: '1300000000000000002', name: 'world', type: CHANNEL_TYPES.text },
  { id: '1300000000000000003', name: 'stories', type: CHANNEL_TYPES.forum },
];
const [news, world, forum] = channels.map((c) => c.id) as [string, string, string];

describe('discord broadcasts through the real dispatcher', () => {
  it('brings each new story to every subscribed channel exactly once; a forum gets a post', async () => {
    rig = await startDiscordDeliveryRig({ channels, batch: false });
    for (const id of [news, world, forum]) await rig.subscribe(id);
    const titles = ['One', 'Two', 'Three'].map((w) => `Story ${w}`);
    const stories = [];
    for (const title of titles) stories.push(await rig.addStory({ title }));
    const tally = await rig.runUntilIdle();
    for (const story of stories) await rig.announceAgain(story);
    await rig.runUntilIdle();

    expect(tally.sent).toBe(9);
    for (const id of [news, world]) {
      const got = rig.standIn.channelMessages(id).map((m) => m.body.embeds?.[0]?.title);
      expect(got.sort()).toEqual([...titles].sort());
    }
    const posts = rig.standIn.channelMessages(forum);
    expect(posts.map((p) => p.kind)).toEqual(['post', 'post', 'post']);
    expect(posts.map((p) => p.name).sort()).toEqual([...titles].sort());
    const buttons = rig.standIn.channelMessages(news)[0]?.body.components;
    expect(JSON.stringify(buttons)).toContain('herald:summary:');
    expect(rig.standIn.violations).toEqual([]);
  });

  it('pings no one: a title holding @everyone goes out with mentions off', async () => {
    rig = await startDiscordDeliveryRig({ channels, batch: false });
    await rig.subscribe(news);
    await rig.addStory({ title: '@everyone <@&123> look at this', summary: ['@here now'] });
    await rig.runUntilIdle();

    const [message] = rig.standIn.channelMessages(news);
    expect(message?.body.embeds?.[0]?.title).toContain('@everyone');
    expect(message?.body.allowed_mentions).toEqual({ parse: [] });
    expect(rig.standIn.pinged()).toEqual([]);
  });

  it('deactivates a channel that answers Missing Permissions; the others still get it', async () => {
    rig = await startDiscordDeliveryRig({ channels, batch: false });
    const refused = await rig.subscribe(news);
    await rig.subscribe(world);
    rig.standIn.failChannel(news, MISSING_PERMISSIONS);
    await rig.addStory({ title: 'Only for the world' });
    const tally = await rig.runUntilIdle();

    expect(tally).toMatchObject({ sent: 1, rejected: 1 });
    const after = await rig.subscriptions.getSubscription(refused.id);
    expect(after?.active).toBe(false);
    expect(after?.inactiveReason).toMatch(/50013/);
    expect(rig.standIn.channelMessages(world)).toHaveLength(1);
  });

  it('deactivates a forum that requires a tag, with the reason, instead of dead-lettering each story', async () => {
    const tagged = {
      id: '1300000000000000004',
      name: 'tagged',
      type: CHANNEL_TYPES.forum,
      requireTag: true,
    };
    rig = await startDiscordDeliveryRig({ channels: [...channels, tagged], batch: false });
    const refused = await rig.subscribe(tagged.id);
    await rig.subscribe(news);
    for (const title of ['One', 'Two', 'Three']) await rig.addStory({ title });
    const tally = await rig.runUntilIdle();

    expect(tally).toMatchObject({ sent: 3, rejected: 1, invalid: 0 });
    const after = await rig.subscriptions.getSubscription(refused.id);
    expect(after?.active).toBe(false);
    expect(after?.inactiveReason).toMatch(/40067.*tag is required/);
    const posts = rig.standIn.requests.filter((r) => r.path === `channels/${tagged.id}/threads`);
    expect(posts).toHaveLength(1);
  });

  it.each([
    [400, 50008, 'Cannot send messages in a non-text channel'],
    [400, 160005, 'This thread is locked'],
    [400, 50083, 'Operation is not allowed in an archived thread'],
  ])('deactivates a channel that answers %i %i (%s) for good', async (status, code, message) => {
    rig = await startDiscordDeliveryRig({ channels, batch: false });
    const refused = await rig.subscribe(world);
    rig.standIn.failChannel(world, { status, code, message });
    await rig.addStory({ title: 'First' });
    await rig.addStory({ title: 'Second' });
    const tally = await rig.runUntilIdle();

    expect(tally).toMatchObject({ rejected: 1, invalid: 0 });
    expect(await rig.subscriptions.getSubscription(refused.id)).toMatchObject({ active: false });
  });

  it('hands a long 429 to the core as retry, and delivers once after the wait', async () => {
    rig = await startDiscordDeliveryRig({ channels, batch: false });
    await rig.subscribe(news);
    rig.standIn.rateLimitChannel(news, 60);
    await rig.addStory({ title: 'Waited for' });
    const tally = await rig.runUntilIdle();

    expect(tally).toMatchObject({ retried: 1, sent: 1 });
    expect(rig.standIn.channelMessages(news).filter((m) => m.body.embeds)).toHaveLength(1);
  });

  it('lets discord.js wait out a short 429 itself', async () => {
    rig = await startDiscordDeliveryRig({ channels, batch: false });
    await rig.subscribe(news);
    rig.standIn.rateLimitChannel(news, 1);
    await rig.addStory({ title: 'Queued' });
    const tally = await rig.runUntilIdle();
    expect(tally).toMatchObject({ retried: 0, sent: 1 });
  });

  it('treats a 5xx as transient: retried later, delivered once', async () => {
    rig = await startDiscordDeliveryRig({ channels, batch: false });
    await rig.subscribe(news);
    rig.standIn.failChannel(news, { status: 502, code: 0, message: 'Bad Gateway' });
    await rig.addStory({ title: 'After the outage' });
    const first = await rig.runOnce();
    rig.standIn.healChannel(news);
    const rest = await rig.runUntilIdle();

    expect(first).toMatchObject({ failed: 1, sent: 0 });
    expect(rest.sent).toBe(1);
  });

  it('keeps every embed within the limits for a 100,000-character title', async () => {
    rig = await startDiscordDeliveryRig({ channels, batch: false });
    const huge = 'word '.repeat(20_000);
    const card: StoryCard = {
      id: 'abcdefabcdef',
      title: huge,
      source: huge,
      publishedAt: new Date('2026-06-01T07:00:00Z'),
      summary: [huge, huge],
      excerpt: huge,
      url: 'https://news.example/huge',
      topics: [huge],
      keywords: [],
    };
    const one = await rig.platform.send(channelTarget(news), { kind: 'card', card, heading: huge });
    const cards = Array.from({ length: 20 }, (_, i) => ({ ...card, number: i + 1 }));
    const many = await rig.platform.send(channelTarget(forum), {
      kind: 'cards',
      heading: huge,
      cards,
    });
    const ten = await rig.platform.send(channelTarget(world), {
      kind: 'cards',
      heading: huge,
      cards: cards.slice(0, 10),
      footer: huge,
    });

    expect([one.kind, many.kind, ten.kind]).toEqual(['sent', 'sent', 'sent']);
    expect(rig.standIn.violations).toEqual([]);
    expect(rig.standIn.channelMessages(news)[0]?.body.embeds?.[0]?.title?.length).toBe(256);
  });

  it('sends 5 stories waiting for a channel as one message: an embed, a list, a Summary button each', async () => {
    rig = await startDiscordDeliveryRig({ channels });
    await rig.subscribe(news);
    const titles = ['*One* @everyone', 'Two', 'Three', 'Four', 'Five'];
    const stories = [];
    for (const title of titles) stories.push(await rig.addStory({ title, summary: [`${title}.`] }));
    await rig.runUntilIdle();

    const messages = rig.standIn.channelMessages(news);
    expect(messages).toHaveLength(1);
    const body = messages[0]?.body;
    expect(body?.content).toBe('**5 new stories**');
    expect(body?.embeds?.[0]?.title).toBe('1. *One* @everyone');
    expect(body?.embeds?.[1]?.description).toContain('2. [Two]');
    expect(body?.allowed_mentions).toEqual({ parse: [] });
    const labels = JSON.stringify(body?.components);
    for (const [i, s] of stories.entries()) {
      expect(labels).toContain(`Summary ${i + 1}`);
      expect(labels).toContain(`herald:summary:${s.id}`);
    }
    expect(rig.standIn.violations).toEqual([]);
    expect(rig.standIn.pinged()).toEqual([]);
  });
});
