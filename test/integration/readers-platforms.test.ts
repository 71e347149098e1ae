import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDiscordPlatform } from '../../adapters/discord/index.ts';
import type { Platform } from '../../src/domain/platform.ts';
import { silentLog } from '../../src/domain/log.ts';
import { openCommandFixture } from '../support/commands-fixture.ts';
import {
  PERMISSIONS,
  startDiscordStandIn,
  type DiscordStandIn,
} from '../support/discord-stand-in.ts';
import {
  bob,
  carol,
  alice,
  startTelegramRig,
  type TelegramRig,
} from '../support/telegram-harness.ts';
import { notify, textMessage } from '../support/whatsapp-fake.ts';
import { createWhatsAppHarness, settle } from '../support/whatsapp-harness.ts';

let rig: TelegramRig | undefined;
let standIn: DiscordStandIn | undefined;
let discord: Platform | undefined;
afterEach(async () => {
  await rig?.stop();
  await discord?.stop();
  await standIn?.close();
  rig = undefined;
  discord = undefined;
  standIn = undefined;
});

describe('readers’ controls through real telegraf and the stand-in Bot API', () => {
  it('sets quiet hours and a filter in a private chat, and only admins do so in a group', async () => {
    const fixture = await openCommandFixture({ subscriptions: 'sqlite' });
    rig = await startTelegramRig(fixture.handler);
    const { standIn: bot } = rig;
    // One command at a time: the stand-in, like Telegram, takes about one message a second per chat.
    const ask = async (text: string) => {
      const before = bot.messagesIn(alice.id).length;
      bot.say(alice, text);
      await bot.until(() => bot.messagesIn(alice.id).length === before + 1);
      return bot.messagesIn(alice.id)[before]?.text ?? '';
    };
    await ask('/subscribe');
    expect(await ask('/quiet 22:00-07:00')).toContain('Quiet hours: 22:00-07:00');
    expect(await ask('/filter +tram -"harbour bridge"')).toContain('Only with: tram');

    const group = bot.addGroup(-1007777, 'Readers', [carol.id]);
    bot.say(carol, '/subscribe', group);
    await bot.until(() => bot.messagesIn(group.id).length === 1);
    bot.say(bob, '/images off', group);
    await bot.until(() => bot.messagesIn(group.id).length === 2);
    expect(bot.messagesIn(group.id)[1]?.text).toMatch(/Only the admins/);
    bot.say(carol, '/images off', group);
    await bot.until(() => bot.messagesIn(group.id).length === 3);
    expect(bot.messagesIn(group.id)[2]?.text).toContain('Images: off');
  });
});

describe('readers’ controls through real discord.js and the stand-in', () => {
  async function startBot() {
    const s = await startDiscordStandIn();
    standIn = s;
    const fixture = await openCommandFixture({ subscriptions: 'sqlite' });
    const p = createDiscordPlatform({
      token: s.token,
      applicationId: s.applicationId,
      guildId: s.guild.id,
      apiRoot: s.apiRoot,
      log: silentLog,
      deferAfterMs: 1_500,
    });
    discord = p;
    await p.start(fixture.handler);
    return { s, fixture };
  }

  async function answerTo(s: DiscordStandIn, id: string) {
    return vi.waitFor(
      () => {
        const found = s.messages.find(
          (m) => m.where === id && !(m.kind === 'callback' && m.callbackType === 5),
        );
        if (found === undefined) throw new Error(`waiting for an answer to ${id}`);
        return found;
      },
      { timeout: 10_000, interval: 20 },
    );
  }

  it('takes /news-admin filter from Manage Channels only; /news filters shows them', async () => {
    const { s } = await startBot();
    const admin = { permissions: PERMISSIONS.manageChannels };
    await answerTo(s, s.command('news-admin', 'subscribe', {}, admin).id);
    const refused = s.command(
      'news-admin',
      'filter',
      { words: '-chess' },
      { permissions: PERMISSIONS.member },
    );
    const no = await answerTo(s, refused.id);
    expect(no.body.content).toMatch(/admins/);
    expect(no.body.flags).toBe(64);
    const set = s.command('news-admin', 'filter', { words: '-chess +"harbour bridge"' }, admin);
    expect((await answerTo(s, set.id)).body.content).toContain('Never with: chess');
    const shown = s.command('news', 'filters', {}, { permissions: PERMISSIONS.member });
    expect((await answerTo(s, shown.id)).body.content).toContain('Only with: "harbour bridge"');
    const zone = s.command('news-admin', 'timezone', { zone: 'Europe/Berlin' }, admin);
    expect((await answerTo(s, zone.id)).body.content).toContain('Time zone: Europe/Berlin');
  });
});

describe('readers’ controls on WhatsApp', () => {
  it('answers them in a private chat; in a group only operators may change them', async () => {
    const fixture = await openCommandFixture({ subscriptions: 'sqlite' });
    const wa = createWhatsAppHarness({
      subscriptions: fixture.subscriptions,
      clock: fixture.clock,
      overrides: { groupsEnabled: true },
    });
    const socket = await wa.start(fixture.handler);
    const person = '447700900123@s.whatsapp.net';
    const group = '120363000000000001@g.us';
    socket.emit('messages.upsert', notify(textMessage(person, 'subscribe')));
    await settle(20);
    socket.emit('messages.upsert', notify(textMessage(person, 'timezone Europe/Lisbon')));
    await settle(20);
    expect(socket.textsTo(person).at(-1)).toContain('Time zone: Europe/Lisbon');
    socket.emit(
      'messages.upsert',
      notify(textMessage(group, '!quiet 23:00-06:00', { participant: person })),
    );
    await settle(20);
    expect(socket.textsTo(group).at(-1)).toMatch(/Only the admins/);
  });
});
