import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDiscordPlatform } from '../../adapters/discord/index.ts';
import type { CommandHandler, Platform } from '../../src/domain/platform.ts';
import { silentLog } from '../../src/domain/log.ts';
import { openCommandFixture } from '../support/commands-fixture.ts';
import {
  PERMISSIONS,
  startDiscordStandIn,
  type DiscordStandIn,
} from '../support/discord-stand-in.ts';

let standIn: DiscordStandIn | undefined;
let platform: Platform | undefined;

afterEach(async () => {
  await platform?.stop();
  await standIn?.close();
  platform = undefined;
  standIn = undefined;
});

async function startBot(
  deferAfterMs = 1_500,
  wrap: (h: CommandHandler) => CommandHandler = (h) => h,
) {
  const s = await startDiscordStandIn();
  standIn = s;
  const fixture = await openCommandFixture({ subscriptions: 'sqlite' });
  const p = createDiscordPlatform({
    token: s.token,
    applicationId: s.applicationId,
    guildId: s.guild.id,
    apiRoot: s.apiRoot,
    log: silentLog,
    deferAfterMs,
  });
  platform = p;
  await p.start(wrap(fixture.handler));
  return { s, p, fixture };
}

/** The messages answering interaction `id` (reply, edit, follow-up), once there are `n`. */
async function answersTo(s: DiscordStandIn, id: string, n = 1) {
  return vi.waitFor(
    () => {
      const found = s.messages.filter(
        (m) => m.where === id && !(m.kind === 'callback' && m.callbackType === 5),
      );
      if (found.length < n) throw new Error(`waiting for ${n} answer(s) to ${id}`);
      return found;
    },
    { timeout: 10_000, interval: 20 },
  );
}

describe('discord adapter against the stand-in', () => {
  it('logs in, registers both commands by one bulk overwrite in the guild, and is ready', async () => {
    const { s, p } = await startBot();
    expect(p.state()).toBe('ready');
    const puts = s.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]?.path).toBe(`applications/${s.applicationId}/guilds/${s.guild.id}/commands`);
    const names = (puts[0]?.body as { name: string }[]).map((c) => c.name);
    expect(names).toEqual(['news', 'news-admin']);
    expect(s.gateway.identifies[0]?.intents).toBe(1);
  });

  it('answers /news latest with embeds, mentions off', async () => {
    const { s } = await startBot();
    const sent = s.command('news', 'latest', { count: 3 });
    const [answer] = await answersTo(s, sent.id);
    expect(answer?.body.embeds?.length).toBe(3);
    expect(answer?.body.embeds?.[0]?.title).toMatch(/^1\. /);
    expect(answer?.body.allowed_mentions).toEqual({ parse: [] });
    expect(s.violations).toEqual([]);
  });

  it('defers, then edits the answer in, when the work is slow', async () => {
    // The handler answers only once the stand-in has seen the deferral (callback type 5).
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = (h: CommandHandler): CommandHandler => ({
      handleText: async (context, text) => {
        await gate;
        return h.handleText(context, text);
      },
    });
    const { s } = await startBot(0, slow);
    const sent = s.command('news', 'latest', { count: 2 });
    await vi.waitFor(() => {
      if (!s.messages.some((m) => m.where === sent.id && m.callbackType === 5))
        throw new Error('no defer');
    });
    release();
    const [answer] = await answersTo(s, sent.id);
    expect(answer?.kind).toBe('edit');
    expect(s.messages.some((m) => m.where === sent.id && m.callbackType === 5)).toBe(true);
    expect(answer?.body.embeds?.length).toBe(2);
  });

  it('refuses /news-admin subscribe to a member without Manage Channels, ephemerally', async () => {
    const { s, fixture } = await startBot();
    const sent = s.command('news-admin', 'subscribe', {}, { permissions: PERMISSIONS.member });
    const [answer] = await answersTo(s, sent.id);
    expect(answer?.body.content).toMatch(/admins/);
    expect(answer?.body.flags).toBe(64);
    const channelId = s.guild.channels[0]?.id ?? '';
    const target = { platform: 'discord', chatId: channelId, kind: 'channel' } as const;
    expect(await fixture.subscriptions.findByTarget(target)).toBeUndefined();
  });

  it('accepts /news-admin subscribe from a member with Manage Channels', async () => {
    const { s, fixture } = await startBot();
    const sent = s.command(
      'news-admin',
      'subscribe',
      {},
      { permissions: PERMISSIONS.manageChannels },
    );
    const [answer] = await answersTo(s, sent.id);
    expect(answer?.body.flags ?? 0).toBe(0);
    const channelId = s.guild.channels[0]?.id ?? '';
    const target = { platform: 'discord', chatId: channelId, kind: 'channel' } as const;
    expect((await fixture.subscriptions.findByTarget(target))?.active).toBe(true);
  });

  it("answers an unknown command and a slow-down in the member's Discord language, ephemerally", async () => {
    // The handler stays silent on the second command: the core's rate limit (no reply).
    let calls = 0;
    const { s } = await startBot(1_500, (h) => ({
      handleText: (context, text) =>
        (calls += 1) === 1 ? Promise.resolve(undefined) : h.handleText(context, text),
    }));
    const german = s.command('news', 'latest', {}, { locale: 'de' });
    const [slow] = await answersTo(s, german.id);
    expect(slow?.body.content).toContain('Etwas langsamer');
    expect(slow?.body.flags).toBe(64);
    const spanish = s.command('news', 'no-such-subcommand', {}, { locale: 'es-ES' });
    const [unknown] = await answersTo(s, spanish.id);
    expect(unknown?.body.content).toContain('No conozco ese comando');
    expect(unknown?.body.flags).toBe(64);
    const other = s.command('news', 'no-such-subcommand', {}, { locale: 'pt-BR' });
    const [fallback] = await answersTo(s, other.id);
    expect(fallback?.body.content).toContain('I do not know that command');
  });

  it('answers the Summary button of a story, ephemerally', async () => {
    const { s, fixture } = await startBot();
    const id = Object.values(fixture.ids)[0] ?? '';
    const clicked = s.button(`herald:summary:${id}`);
    const [answer] = await answersTo(s, clicked.id);
    expect(answer?.body.flags).toBe(64);
    expect(answer?.body.embeds?.length).toBe(1);
  });

  it('autocompletes story titles', async () => {
    const { s } = await startBot();
    const typed = s.autocomplete('news', 'summary', { story: '' }, 'story');
    const [answer] = await answersTo(s, typed.id);
    expect(answer?.callbackType).toBe(8);
    const choices = (answer?.body as { choices?: { name: string; value: string }[] }).choices;
    expect(choices?.length).toBeGreaterThan(0);
  });
});
