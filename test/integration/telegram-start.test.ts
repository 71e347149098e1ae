import { describe, expect, it } from 'vitest';
import { createTelegramPlatform, TelegramTokenError } from '../../adapters/telegram/index.ts';
import { openCommandFixture } from '../support/commands-fixture.ts';
import { alice, createMemoryLog, startTelegramRig } from '../support/telegram-harness.ts';
import { TelegramStandIn } from '../support/telegram-stand-in.ts';

describe('telegram start and stop', () => {
  it('fails at start on a refused token with an error naming TELEGRAM_BOT_TOKEN, never the token', async () => {
    const standIn = new TelegramStandIn();
    const apiRoot = await standIn.listen();
    const token = '987654:the-wrong-secret-token-value';
    const log = createMemoryLog();
    const platform = createTelegramPlatform({ token, apiRoot, timeZone: 'UTC', log });
    try {
      const error: unknown = await platform
        .start({ handleText: () => Promise.resolve(undefined) })
        .then(
          () => undefined,
          (err: unknown) => err,
        );
      expect(error).toBeInstanceOf(TelegramTokenError);
      const text = `${String(error)} ${JSON.stringify(error)} ${JSON.stringify(log.lines)}`;
      expect(text).toContain('TELEGRAM_BOT_TOKEN');
      expect(text).toContain('401');
      expect(text).not.toContain('the-wrong-secret-token-value');
      expect(platform.state()).toBe('stopped');
      expect(standIn.calls.map((c) => c.method)).toEqual(['getMe']);
    } finally {
      await standIn.close();
    }
  });

  it('survives updates it does not understand, and a command that throws', async () => {
    const fixture = await openCommandFixture();
    let calls = 0;
    const rig = await startTelegramRig({
      handleText: (context, text) => {
        calls += 1;
        if (calls === 1) return Promise.reject(new Error('boom'));
        return fixture.handler.handleText(context, text);
      },
    });
    const { standIn } = rig;
    try {
      standIn.pushUpdate({ poll: { id: 'p1', question: '?' } });
      standIn.pushUpdate({ message: { message_id: 9, date: 0, chat: { id: 1, type: 'private' } } });
      standIn.pushUpdate({
        callback_query: { id: 'q', from: alice, chat_instance: 'c', data: 'zzz' },
      });
      standIn.say(alice, '/help');
      standIn.say(alice, '/help');
      await standIn.until(
        () => standIn.messagesIn(alice.id).length === 1 && standIn.callbackAnswers.length === 1,
      );
      expect(standIn.messagesIn(alice.id)[0]?.text).toMatch(/latest/);
      expect(standIn.callbackAnswers[0]?.text).toMatch(/no longer works/);
      expect(
        rig.log.lines.some((l) => l.level === 'error' && l.message.includes('update failed')),
      ).toBe(true);
      expect(rig.platform.state()).toBe('ready');
    } finally {
      await rig.stop();
    }
    expect(rig.platform.state()).toBe('stopped');
  });

  it("answers a stale button in the presser's Telegram language, and sets the menu in each language", async () => {
    const fixture = await openCommandFixture();
    const rig = await startTelegramRig(fixture.handler);
    const { standIn } = rig;
    try {
      const greta = { ...alice, id: 777, first_name: 'Greta', language_code: 'de' };
      const pedro = { ...alice, id: 778, first_name: 'Pedro', language_code: 'pt-BR' };
      for (const from of [greta, pedro])
        standIn.pushUpdate({
          callback_query: { id: `q${from.id}`, from, chat_instance: 'c', data: 'zzz' },
        });
      await standIn.until(() => standIn.callbackAnswers.length === 2);
      expect(standIn.callbackAnswers.map((a) => a.text)).toEqual([
        'Diese Schaltfläche geht nicht mehr: sende /latest.',
        'This button no longer works: send /latest.',
      ]);
      // English for everyone, then German and Spanish for users whose Telegram is set to them.
      expect(standIn.commands.map((c) => c.language_code)).toEqual([undefined, 'de', 'es']);
      const german = standIn.commands[1]?.commands as { command: string; description: string }[];
      expect(german.find((c) => c.command === 'summary')?.description).not.toBe(
        (standIn.commands[0]?.commands as { command: string; description: string }[]).find(
          (c) => c.command === 'summary',
        )?.description,
      );
    } finally {
      await rig.stop();
    }
  });

  it('answers a button under a channel post with a link to a private chat that gives the summary', async () => {
    const fixture = await openCommandFixture();
    const rig = await startTelegramRig(fixture.handler, {
      platform: { channelId: '@herald_news' },
    });
    const { standIn, platform } = rig;
    try {
      const storyId = fixture.ids['harbour-bridge-reopens'] ?? '';
      const story = await fixture.stories.getStory(storyId);
      if (story === undefined) throw new Error('fixture story missing');
      const { toCard } = await import('../../src/domain/reply.ts');
      const outcome = await platform.send(
        { platform: 'telegram', chatId: '@herald_news', kind: 'channel' },
        { kind: 'card', card: toCard(story) },
      );
      expect(outcome.kind).toBe('sent');
      const [post] = standIn.messages;
      if (post === undefined) throw new Error('nothing posted');
      expect(post.photo).toBe('https://news.example/img/bridge.jpg');
      standIn.press(alice, post, `s:${storyId}`);
      await standIn.until(() => standIn.callbackAnswers.length === 1);
      const url = String(standIn.callbackAnswers[0]?.url);
      expect(url).toBe(`https://t.me/HeraldTestBot?start=s_${storyId}`);
      expect(standIn.messages).toHaveLength(1);

      // An admin posting /subscribe in the channel subscribes the configured target, not a twin.
      const channel = standIn.chats.get('@herald_news');
      if (channel === undefined) throw new Error('channel unknown');
      standIn.post(channel, '/subscribe');
      await standIn.until(() => standIn.messagesIn(channel.id).length === 2);
      const target = {
        platform: 'telegram' as const,
        chatId: '@herald_news',
        kind: 'channel' as const,
      };
      expect((await fixture.subscriptions.findByTarget(target))?.active).toBe(true);

      standIn.say(alice, `/start s_${storyId}`);
      await standIn.until(() => standIn.messagesIn(alice.id).length === 1);
      const [summary] = standIn.messagesIn(alice.id);
      expect(summary?.photo).toBe('https://news.example/img/bridge.jpg');
      expect(summary?.caption).toContain('Harbour bridge reopens');
      expect(summary?.caption).toContain('•');
    } finally {
      await rig.stop();
    }
  });
});
