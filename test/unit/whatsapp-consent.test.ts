import { describe, expect, it } from 'vitest';
import { STOPPED_TEXT, consentRequest } from '../../adapters/whatsapp/consent.ts';
import { openCommandFixture, type CommandFixture } from '../support/commands-fixture.ts';
import { notify, textMessage, type FakeSocket } from '../support/whatsapp-fake.ts';
import { createWhatsAppHarness, settle } from '../support/whatsapp-harness.ts';

const ALICE = '447700900123@s.whatsapp.net';
const target = { platform: 'whatsapp' as const, chatId: ALICE, kind: 'private' as const };

async function setUp() {
  const fixture = await openCommandFixture({ subscriptions: 'sqlite' });
  const wa = createWhatsAppHarness({ subscriptions: fixture.subscriptions, clock: fixture.clock });
  const socket = await wa.start(fixture.handler);
  return { fixture, wa, socket };
}

async function say(socket: FakeSocket, text: string): Promise<string> {
  const before = socket.sent.length;
  socket.emit('messages.upsert', notify(textMessage(ALICE, text)));
  await settle(20);
  const replies = socket.textsTo(ALICE).slice(before);
  expect(replies).toHaveLength(1);
  return replies[0] ?? '';
}

async function active(fixture: CommandFixture): Promise<boolean | undefined> {
  return (await fixture.subscriptions.findByTarget(target))?.active;
}

describe('WhatsApp consent', () => {
  it('reads opt-ins and opt-outs in any case, with or without a prefix', () => {
    expect(consentRequest('subscribe')).toEqual({ action: 'opt-in', topics: [] });
    expect(consentRequest('/Subscribe sports')).toEqual({ action: 'opt-in', topics: ['sports'] });
    for (const stop of ['STOP', 'Stop', 'stop.', '!stop', 'unsubscribe', 'UNSUBSCRIBE', 'Cancel']) {
      expect(consentRequest(stop)).toEqual({ action: 'opt-out', topics: [] });
    }
    expect(consentRequest('unsubscribe sport')).toEqual({ action: 'opt-out', topics: ['sport'] });
    expect(consentRequest('latest')).toBeUndefined();
  });

  it('subscribes on "subscribe" and confirms; records the opt-in with its time', async () => {
    const { fixture, wa, socket } = await setUp();
    const reply = await say(socket, 'subscribe');
    expect(reply).toMatch(/unsubscribe/i);
    expect(await active(fixture)).toBe(true);
    const log = await wa.consentLog.list();
    expect(log).toEqual([
      expect.objectContaining({
        action: 'opt-in',
        chatId: ALICE,
        userId: '447700900123',
        topics: [],
        subscribed: true,
        at: fixture.clock.now(),
        text: 'subscribe',
      }),
    ]);
  });

  it('"subscribe sports" follows the topic and logs it', async () => {
    const { fixture, wa, socket } = await setUp();
    await say(socket, 'subscribe Sport');
    const sub = await fixture.subscriptions.findByTarget(target);
    expect(sub?.filters.includeTopics).toEqual(['Sport']);
    expect((await wa.consentLog.list())[0]).toMatchObject({ action: 'opt-in', topics: ['Sport'] });
  });

  it.each(['STOP', 'Stop', 'unsubscribe'])(
    '"%s" removes the person at once, confirms, and logs the opt-out',
    async (word) => {
      const { fixture, wa, socket } = await setUp();
      await say(socket, 'subscribe');
      fixture.clock.advance(60_000);
      const reply = await say(socket, word);
      expect(reply).toBe(STOPPED_TEXT);
      expect(await active(fixture)).toBe(false);
      const log = await wa.consentLog.list({ chatId: ALICE });
      const t0 = log[0]?.at.getTime() ?? 0;
      expect(log.map((e) => [e.action, e.subscribed, e.at.getTime() - t0])).toEqual([
        ['opt-in', true, 0],
        ['opt-out', false, 60_000],
      ]);
    },
  );

  it('a stop gets through even when the person is rate limited', async () => {
    const { fixture, socket } = await setUp();
    await say(socket, 'subscribe');
    for (let i = 0; i < 30; i += 1) {
      socket.emit('messages.upsert', notify(textMessage(ALICE, 'help')));
    }
    await settle(60);
    socket.emit('messages.upsert', notify(textMessage(ALICE, 'STOP')));
    await settle(20);
    expect(socket.textsTo(ALICE).at(-1)).toBe(STOPPED_TEXT);
    expect(await active(fixture)).toBe(false);
  });

  it('a stop from someone not subscribed is still logged and answered', async () => {
    const { wa, socket } = await setUp();
    expect(await say(socket, 'stop')).toMatch(/not subscribed/);
    expect(await wa.consentLog.list()).toEqual([
      expect.objectContaining({ action: 'opt-out', subscribed: false }),
    ]);
  });
});
