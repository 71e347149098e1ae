import { describe, expect, it } from 'vitest';
import { deliver, EDIT_WINDOW_MS, editSent } from '../../adapters/whatsapp/send.ts';
import type { Reply } from '../../src/domain/reply.ts';
import { createFakeSocket } from '../support/whatsapp-fake.ts';

const group = {
  platform: 'whatsapp' as const,
  chatId: '120363000000000001@g.us',
  kind: 'group' as const,
};
const T = Date.parse('2026-06-01T07:00:00Z');

const card = (footer?: string): Reply => ({
  kind: 'card',
  card: {
    id: 'abc123abc123',
    title: 'Flood closes the Rhine bridge at Basel',
    source: 'Outlet A',
    publishedAt: new Date(T),
    summary: ['The bridge was closed on Tuesday.'],
    excerpt: '',
    topics: [],
    keywords: [],
  },
  ...(footer === undefined ? {} : { footer }),
});

const options = (now: number) => ({ timeZone: 'UTC', now: () => now });

describe('whatsapp: edits and quoted replies through the typed socket', () => {
  it('edits a post within the window with baileys’ edit key', async () => {
    const socket = createFakeSocket();
    const posted = await deliver(socket, group, card(), { timeZone: 'UTC' });
    expect(posted.kind).toBe('sent');
    const messageId = posted.kind === 'sent' ? posted.messageId : '';
    const edited = await editSent(
      socket,
      group,
      card('Also reported by: Outlet B (2 outlets)'),
      { messageId, sentAt: new Date(T) },
      options(T + 60_000),
    );
    expect(edited).toEqual({ kind: 'sent', messageId });
    const last = socket.sent.at(-1);
    expect(last?.content).toMatchObject({
      edit: { remoteJid: group.chatId, fromMe: true, id: messageId },
    });
    expect(
      'text' in (last?.content ?? {}) ? (last?.content as { text: string }).text : '',
    ).toContain('Also reported by: Outlet B (2 outlets)');
  });

  it('gives up on an edit past WhatsApp’s 15-minute window, sending nothing', async () => {
    const socket = createFakeSocket();
    const outcome = await editSent(
      socket,
      group,
      card('Also reported by: Outlet B (2 outlets)'),
      { messageId: 'OUT1', sentAt: new Date(T) },
      options(T + EDIT_WINDOW_MS + 1),
    );
    expect(outcome).toEqual({ kind: 'invalid', reason: "past WhatsApp's 15-minute edit window" });
    expect(socket.sent).toEqual([]);
    expect(EDIT_WINDOW_MS).toBeLessThan(15 * 60_000);
    const unknown = await editSent(
      socket,
      group,
      card('x'),
      { messageId: 'unknown', sentAt: new Date(T) },
      options(T),
    );
    expect(unknown.kind).toBe('invalid');
    expect(socket.sent).toEqual([]);
  });

  it('quotes the post in a follow-up', async () => {
    const socket = createFakeSocket();
    const outcome = await deliver(
      socket,
      group,
      card(),
      { timeZone: 'UTC' },
      {
        replyTo: { messageId: 'OUT7', excerpt: 'Flood closes the Rhine bridge at Basel' },
      },
    );
    expect(outcome.kind).toBe('sent');
    expect(socket.sent[0]?.options?.quoted).toEqual({
      key: { remoteJid: group.chatId, fromMe: true, id: 'OUT7' },
      message: { conversation: 'Flood closes the Rhine bridge at Basel' },
    });
  });

  it('turns a failed edit into the outcome the core retries or drops', async () => {
    const socket = createFakeSocket();
    socket.failures.push(new Error('Connection Closed'));
    const outcome = await editSent(
      socket,
      group,
      card('x'),
      { messageId: 'OUT1', sentAt: new Date(T) },
      options(T),
    );
    expect(['transient', 'retry']).toContain(outcome.kind);
  });
});
