import { describe, expect, it } from 'vitest';
import { toIncoming } from '../../adapters/whatsapp/incoming.ts';
import { openCommandFixture } from '../support/commands-fixture.ts';
import { notify, textMessage } from '../support/whatsapp-fake.ts';
import { createWhatsAppHarness, settle } from '../support/whatsapp-harness.ts';

const ALICE = '447700900123@s.whatsapp.net';
const GROUP = '120363000000000001@g.us';

async function setUp(groupsEnabled = false) {
  const fixture = await openCommandFixture({ subscriptions: 'sqlite' });
  const wa = createWhatsAppHarness({
    subscriptions: fixture.subscriptions,
    clock: fixture.clock,
    overrides: { groupsEnabled },
  });
  const socket = await wa.start(fixture.handler);
  return { fixture, socket };
}

describe('WhatsApp incoming messages', () => {
  it('answers a live (notify) message in a private chat', async () => {
    const { socket } = await setUp();
    socket.emit('messages.upsert', notify(textMessage(ALICE, 'help')));
    await settle(20);
    expect(socket.textsTo(ALICE)).toHaveLength(1);
    expect(socket.textsTo(ALICE)[0]).toMatch(/latest/);
  });

  it('ignores appended (history) messages, its own, status updates, channels and groups', async () => {
    const { socket } = await setUp();
    socket.emit('messages.upsert', { type: 'append', messages: [textMessage(ALICE, 'help')] });
    socket.emit('messages.upsert', notify(textMessage(ALICE, 'help', { fromMe: true })));
    const status = textMessage('status@broadcast', 'help', { participant: ALICE });
    socket.emit('messages.upsert', notify(status));
    socket.emit('messages.upsert', notify(textMessage('123456@broadcast', 'help')));
    socket.emit('messages.upsert', notify(textMessage('120363000000000009@newsletter', 'help')));
    socket.emit('messages.upsert', notify(textMessage(GROUP, '!help', { participant: ALICE })));
    await settle(20);
    expect(socket.sent).toEqual([]);
  });

  it('answers the same message id once', async () => {
    const { socket } = await setUp();
    const message = textMessage(ALICE, 'topics', { id: 'SAME' });
    socket.emit('messages.upsert', notify(message, message));
    socket.emit('messages.upsert', notify(message));
    await settle(20);
    expect(socket.sent).toHaveLength(1);
  });

  it('in groups, when enabled, answers only commands with a leading ! or /', async () => {
    const { socket } = await setUp(true);
    socket.emit('messages.upsert', notify(textMessage(GROUP, 'help', { participant: ALICE })));
    socket.emit('messages.upsert', notify(textMessage(GROUP, 'stop', { participant: ALICE })));
    await settle(20);
    expect(socket.sent).toEqual([]);
    socket.emit('messages.upsert', notify(textMessage(GROUP, '!latest 2', { participant: ALICE })));
    await settle(20);
    expect(socket.textsTo(GROUP)).toHaveLength(1);
  });

  it.each([
    ['help', /summary/],
    ['latest', /^\*.+\*\n1\. \*/],
    ['!latest 3', /^\*.+\*\n1\. \*/],
    ['/topics', /Sport/],
    ['search marathon', /marathon/i],
    ['settings', /not subscribed|subscri/i],
  ])('answers %s', async (text, expected) => {
    const { socket } = await setUp();
    socket.emit('messages.upsert', notify(textMessage(ALICE, text)));
    await settle(20);
    expect(socket.textsTo(ALICE)[0]).toMatch(expected);
  });

  it('answers summary and related by listing number, after a listing', async () => {
    const { socket } = await setUp();
    socket.emit('messages.upsert', notify(textMessage(ALICE, 'search marathon')));
    await settle(20);
    socket.emit('messages.upsert', notify(textMessage(ALICE, 'summary 1')));
    await settle(20);
    socket.emit('messages.upsert', notify(textMessage(ALICE, '!related 1')));
    await settle(20);
    const [, summary, related] = socket.textsTo(ALICE);
    expect(summary).toMatch(/^\*.*[Mm]arathon.*\*\n_/);
    expect(summary).toMatch(/\nhttps:\/\/news\.example\/2026\/marathon-record/);
    expect(related).toMatch(/[Cc]hess/);
  });

  it('takes the sender phone number from a LID chat when baileys gives it', () => {
    const lid = textMessage('123456789012345@lid', 'help', {
      remoteJidAlt: ALICE,
      pushName: 'Alice',
    });
    const incoming = toIncoming(lid, false);
    expect(incoming?.context.user).toEqual({ id: '447700900123', name: 'Alice' });
    expect(incoming?.context.target).toEqual({
      platform: 'whatsapp',
      chatId: '123456789012345@lid',
      kind: 'private',
    });
  });

  it('reads text from extended and ephemeral messages', () => {
    const extended = {
      ...textMessage(ALICE, ''),
      message: { extendedTextMessage: { text: 'help' } },
    };
    const ephemeral = {
      ...textMessage(ALICE, ''),
      message: { ephemeralMessage: { message: { conversation: 'topics' } } },
    };
    expect(toIncoming(extended, false)?.text).toBe('help');
    expect(toIncoming(ephemeral, false)?.text).toBe('topics');
  });
});
