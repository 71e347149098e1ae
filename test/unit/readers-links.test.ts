import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/domain/platform.ts';
import type { Target } from '../../src/domain/subscription.ts';
import { createBackfill } from '../../src/delivery/backfill.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteReaderLinkStore } from '../../src/store/sqlite/reader-link-store.ts';
import { createDeliveryHarness } from '../support/delivery-harness.ts';
import { context, groupChat, openCommandFixture } from '../support/commands-fixture.ts';

const onTelegram: Target = { platform: 'telegram', chatId: '501', kind: 'private' };
const onDiscord: Target = { platform: 'discord', chatId: 'dm-501', kind: 'private' };
const ada: CommandContext = context(onTelegram, '501', true);
const adaOnDiscord: CommandContext = { ...context(onDiscord, 'u-501', true), platform: 'discord' };

function textOf(reply: { kind: string; text?: string } | undefined): string {
  if (reply?.text === undefined) throw new Error(`no text in ${JSON.stringify(reply)}`);
  return reply.text;
}

async function setUp() {
  const links = createSqliteReaderLinkStore(openSqliteDatabase(':memory:'));
  const f = await openCommandFixture({ deps: { links } });
  return { f, links };
}

describe('link, unlink and dedupe across', () => {
  it('joins two private chats with a one-time code and shows them only there', async () => {
    const { f } = await setUp();
    const shown = textOf(await f.send('link', ada));
    const code = /Your link code: ([A-Z0-9]{8})/.exec(shown)?.[1] ?? '';
    expect(code).not.toBe('');
    expect(shown).toMatch(/Within 10 minutes/);
    const linked = textOf(await f.send(`link ${code.toLowerCase()}`, adaOnDiscord));
    expect(linked).toBe(
      'Linked.\nLinked chats: telegram, discord\nEach story once across them: on (dedupe across on|off)',
    );
    expect(await f.send(`link ${code}`, adaOnDiscord)).toMatchObject({ kind: 'error' });
    expect(textOf(await f.send('settings', adaOnDiscord))).toMatch(
      /^This chat has no subscription\..*\nLinked chats: telegram, discord/,
    );
    await f.send('subscribe', ada);
    expect(textOf(await f.send('settings', ada))).toMatch(/Linked chats: telegram, discord/);
    expect(textOf(await f.send('dedupe across off', ada))).toMatch(/once across them: off/);
    expect(textOf(await f.send('unlink', adaOnDiscord))).toBe(
      'This chat is no longer linked to your other chats.',
    );
    expect(textOf(await f.send('settings', ada))).toMatch(/Linked chats: none/);
  });

  it('refuses links in groups and keeps them out of a group’s settings', async () => {
    const { f } = await setUp();
    const admin = groupChat('ada', true);
    expect(await f.send('link', admin)).toMatchObject({
      kind: 'error',
      text: 'Linking joins your private chats with me: send it there.',
    });
    await f.send('subscribe', admin);
    expect(textOf(await f.send('settings', admin))).not.toMatch(/Linked/);
  });

  it('refuses an expired code', async () => {
    const { f } = await setUp();
    const code = /code: (\w+)/.exec(textOf(await f.send('link', ada)))?.[1] ?? '';
    f.clock.set(new Date(f.clock.now().getTime() + 11 * 60_000));
    expect(await f.send(`link ${code}`, adaOnDiscord)).toMatchObject({
      kind: 'error',
      text: 'That link code has expired: send link again where you made it.',
    });
  });
});

describe('one reader across platforms in fan-out and back-fill', () => {
  it('gives a linked person each story once, unless dedupe across is off', async () => {
    const h = createDeliveryHarness({ platforms: ['telegram', 'discord'] });
    const links = createSqliteReaderLinkStore(h.db);
    const { createFanOut } = await import('../../src/delivery/fan-out.ts');
    const fanOut = createFanOut({ ...h, digestTimezone: 'UTC', links });
    const tg = await h.subscribe({ chatId: '501' });
    const dc = await h.subscribe({ chatId: 'dm-501', platform: 'discord' });
    const group = await h.subscribe({ chatId: '-100', kind: 'group' });
    await links.createCode(
      { platform: 'telegram', chatId: '501' },
      'CODE1234',
      new Date(Date.now() * 2),
    );
    await links.redeemCode('CODE1234', { platform: 'discord', chatId: 'dm-501' }, h.clock.now());
    const first = await h.addStory();
    expect(await fanOut.enqueueStory(first)).toMatchObject({ matched: 2, enqueued: 2 });
    expect((await h.outbox.listBySubscription(tg.id)).map((r) => r.storyId)).toEqual([first.id]);
    expect(await h.outbox.listBySubscription(dc.id)).toEqual([]);
    expect(await h.outbox.listBySubscription(group.id)).toHaveLength(1);
    // Back-fill on the Discord side skips what the Telegram side was sent.
    const backfill = createBackfill({ ...h, digestTimezone: 'UTC', links });
    expect(await backfill(dc, 5)).toBe(0);
    const person = await links.personOf({ platform: 'telegram', chatId: '501' });
    await links.setDedupe(person?.personId ?? '', false);
    const second = await h.addStory();
    expect(await fanOut.enqueueStory(second)).toMatchObject({ matched: 3, enqueued: 3 });
  });
});
