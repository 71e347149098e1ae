import { describe, expect, it } from 'vitest';
import { renderReply } from '../../adapters/telegram/render.ts';
import { deliver, type SendApi } from '../../adapters/telegram/send.ts';
import { withChatPreferences } from '../../src/delivery/chat-posts.ts';
import type { Reply, StoryCard } from '../../src/domain/reply.ts';

const card: StoryCard = {
  id: 'abcdefabcdef',
  title: 'Tram line extended',
  source: 'Example News',
  publishedAt: new Date('2026-06-01T07:00:00Z'),
  summary: ['The tram goes further.'],
  excerpt: '',
  url: 'https://news.example/tram',
  imageUrl: 'https://news.example/tram.jpg',
  topics: ['City'],
  keywords: [],
};
const post: Reply = { kind: 'card', card };

describe('previews and images per chat', () => {
  it('leaves a post alone by default', () => {
    expect(withChatPreferences(post, undefined)).toBe(post);
    expect(withChatPreferences(post, {})).toBe(post);
  });

  it('drops the image and hides the link preview, in a post and in a digest', () => {
    const changed = withChatPreferences(post, { images: false, previews: false });
    expect(changed).toMatchObject({ kind: 'card', hide: ['preview'] });
    expect(changed.kind === 'card' && changed.card.imageUrl).toBe(undefined);
    const digest = withChatPreferences(
      { kind: 'cards', heading: 'Your digest: 1 story', cards: [card] },
      { images: false, previews: false },
    );
    expect(digest).toMatchObject({ kind: 'cards', hide: ['preview'] });
    expect(digest.kind === 'cards' && digest.cards[0]?.imageUrl).toBe(undefined);
  });

  it('labels posts and digests in the chat’s language; story text stays as published', () => {
    const german = withChatPreferences(post, { language: 'de' });
    const lines = renderReply(german, { timeZone: 'UTC', mode: 'broadcast' });
    const text = lines.lines
      .flat()
      .map((p) => p.text)
      .join('\n');
    expect(text).toContain('Zur Meldung');
    expect(text).toContain('Themen: City');
    expect(text).toContain('Tram line extended');
    expect(lines.keyboard?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      'Zusammenfassung',
      'Verwandt',
      'Berichte',
    ]);
    const digest = withChatPreferences(
      { kind: 'cards', heading: 'Your digest: 2 stories', cards: [card, card] },
      undefined,
      'es',
    );
    expect(digest).toMatchObject({ heading: 'Tu resumen: 2 noticias', language: 'es' });
    expect(withChatPreferences(post, undefined, 'en')).toBe(post);
  });

  it('shows times in the chat’s own zone', () => {
    const inBerlin = withChatPreferences(post, { timezone: 'Europe/Berlin' });
    expect(inBerlin).toMatchObject({ timeZone: 'Europe/Berlin' });
    const rendered = renderReply(inBerlin, { timeZone: 'UTC', mode: 'broadcast' });
    const meta = rendered.lines
      .flat()
      .map((p) => p.text)
      .join(' ');
    expect(meta).toMatch(/09:00 CEST/);
    const plain = renderReply(post, { timeZone: 'UTC', mode: 'broadcast' });
    expect(
      plain.lines
        .flat()
        .map((p) => p.text)
        .join(' '),
    ).toMatch(/07:00 UTC/);
  });

  it('sends Telegram text without a photo and with link previews off', async () => {
    const calls: { method: string; extra: Record<string, unknown> }[] = [];
    const api = {
      sendMessage: (_chat: string, _text: string, extra: Record<string, unknown>) => {
        calls.push({ method: 'sendMessage', extra });
        return Promise.resolve({ message_id: 1 });
      },
      sendPhoto: (_chat: string, _photo: string, extra: Record<string, unknown>) => {
        calls.push({ method: 'sendPhoto', extra });
        return Promise.resolve({ message_id: 2 });
      },
    } as unknown as SendApi;
    const reply = withChatPreferences(post, { images: false, previews: false });
    const rendered = renderReply(reply, { timeZone: 'UTC', mode: 'broadcast' });
    expect(await deliver(api, 'token', { chatId: '42' }, rendered)).toEqual({
      kind: 'sent',
      messageId: '1',
    });
    expect(calls.map((c) => c.method)).toEqual(['sendMessage']);
    expect(calls[0]?.extra).toMatchObject({ link_preview_options: { is_disabled: true } });
    // With both on, the photo goes out as before and previews are not touched.
    calls.length = 0;
    await deliver(
      api,
      'token',
      { chatId: '42' },
      renderReply(post, { timeZone: 'UTC', mode: 'broadcast' }),
    );
    expect(calls.map((c) => c.method)).toEqual(['sendPhoto']);
  });
});
