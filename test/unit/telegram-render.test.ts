import { describe, expect, it } from 'vitest';
import {
  splitLines,
  toHtml,
  toPlain,
  visibleLength,
  type Line,
} from '../../adapters/telegram/html.ts';
import { decodeAction, encodeAction, renderReply } from '../../adapters/telegram/render.ts';
import type { StoryCard } from '../../src/domain/reply.ts';
import { parseTelegramHtml } from '../support/telegram-html.ts';

const card = (overrides: Partial<StoryCard> = {}): StoryCard => ({
  id: 'abcdef012345',
  title: 'A title',
  source: 'Example News',
  publishedAt: new Date('2026-03-04T12:00:00Z'),
  summary: ['First sentence.', 'Second sentence.'],
  excerpt: 'An excerpt.',
  url: 'https://news.example/a?x=1&y=2',
  topics: ['City'],
  keywords: [],
  ...overrides,
});

/** Parses every chunk as Telegram would; returns the visible texts. */
function parsedChunks(lines: Line[], max?: number): string[] {
  return splitLines(lines, max).map((chunk) => {
    const parsed = parseTelegramHtml(toHtml(chunk));
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.text;
  });
}

describe('telegram rendering', () => {
  it('escapes every piece of feed text and keeps the link', () => {
    const hostile = card({
      title: '<b>x</b> & <script>',
      source: 'A&B <news>',
      summary: ['1 < 2 & 3 > 2'],
    });
    const { lines } = renderReply(
      { kind: 'card', card: hostile },
      { timeZone: 'UTC', mode: 'reply' },
    );
    const html = toHtml(lines);
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;');
    expect(html).toContain('href="https://news.example/a?x=1&amp;y=2"');
    const parsed = parseTelegramHtml(html);
    expect(parsed.ok && parsed.text).toContain('<b>x</b> & <script>');
    expect(parsed.ok && parsed.entities.find((e) => e.type === 'text_link')?.url).toBe(
      'https://news.example/a?x=1&y=2',
    );
  });

  it('shows a broadcast its lead with Summary, Related and Coverage buttons, a reply the whole summary', () => {
    const broadcast = renderReply(
      { kind: 'card', card: card() },
      { timeZone: 'UTC', mode: 'broadcast' },
    );
    expect(toPlain(broadcast.lines)).toContain('First sentence.');
    expect(toPlain(broadcast.lines)).not.toContain('Second sentence.');
    expect(broadcast.keyboard?.inline_keyboard).toEqual([
      [
        { text: 'Summary', callback_data: 's:abcdef012345' },
        { text: 'Related', callback_data: 'r:abcdef012345' },
        { text: 'Coverage', callback_data: 'c:abcdef012345' },
      ],
    ]);
    const reply = renderReply({ kind: 'card', card: card() }, { timeZone: 'UTC', mode: 'reply' });
    expect(toPlain(reply.lines)).toContain('• Second sentence.');
    expect(reply.keyboard?.inline_keyboard.flat().map((b) => b.text)).toEqual([
      'Related',
      'Coverage',
    ]);
  });

  it("names the number of outlets that reported the story's event, when more than one", () => {
    const many = renderReply(
      { kind: 'card', card: card({ source: 'Reuters', outlets: 3 }) },
      { timeZone: 'UTC', mode: 'reply' },
    );
    expect(toPlain(many.lines)).toContain('Reuters and 2 more outlets · ');
    const one = renderReply(
      { kind: 'card', card: card({ source: 'Reuters' }) },
      {
        timeZone: 'UTC',
        mode: 'reply',
      },
    );
    expect(toPlain(one.lines)).not.toContain('more outlet');
  });

  it('keeps callback data within 64 bytes, and leaves out a button that would not fit', () => {
    expect(decodeAction(encodeAction({ kind: 'summary', storyId: 'abc' }) ?? '')).toEqual({
      kind: 'summary',
      storyId: 'abc',
    });
    expect(encodeAction({ kind: 'related', storyId: 'x'.repeat(62) })).toHaveLength(64);
    expect(encodeAction({ kind: 'related', storyId: 'x'.repeat(63) })).toBeUndefined();
    const { keyboard } = renderReply(
      { kind: 'card', card: card({ id: 'é'.repeat(40) }) },
      { timeZone: 'UTC', mode: 'broadcast' },
    );
    expect(keyboard).toBeUndefined();
    expect(decodeAction('x:1')).toBeUndefined();
    expect(decodeAction('c:abc')).toEqual({ kind: 'coverage', storyId: 'abc' });
  });

  it('fits a photo caption within 1,024 characters', () => {
    const long = card({ imageUrl: 'https://img.example/p.jpg', summary: ['word '.repeat(300)] });
    const { photo } = renderReply({ kind: 'card', card: long }, { timeZone: 'UTC', mode: 'reply' });
    expect(photo?.url).toBe('https://img.example/p.jpg');
    expect(visibleLength(photo?.caption ?? [])).toBeLessThanOrEqual(1024);
    expect(toPlain(photo?.caption ?? [])).toContain('A title');
  });

  it('splits a long list under 4,096 without breaking a tag or an entity', () => {
    const cards = Array.from({ length: 20 }, (_, i) =>
      card({ id: `id${i}`, title: `${'Q&A <tag> '.repeat(25)}${i}`, number: i + 1 }),
    );
    const rendered = renderReply(
      { kind: 'cards', heading: 'Latest', cards },
      { timeZone: 'UTC', mode: 'reply' },
    );
    const texts = parsedChunks(rendered.lines);
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(4096);
    const visible = rendered.lines.map((l) => l.map((p) => p.text).join('')).join('\n');
    expect(texts.join('\n')).toBe(visible);
  });

  it('cuts one overlong line between words, styles kept on both sides', () => {
    const text = `${'a&b <c> '.repeat(1500)}end`;
    const lines: Line[] = [[{ text: 'bold start ', style: 'b' }, { text }]];
    const texts = parsedChunks(lines, 4096);
    expect(texts.length).toBe(3);
    for (const part of texts) expect(part.length).toBeLessThanOrEqual(4096);
    expect(texts.join(' ').replace(/\s+/g, ' ')).toBe(
      `bold start ${text}`.replace(/\s+/g, ' ').trim(),
    );
    expect(parsedChunks([[{ text: '😀'.repeat(10), style: 'i' }]], 5)).toEqual([
      '😀😀',
      '😀😀',
      '😀😀',
      '😀😀',
      '😀😀',
    ]);
  });

  it('renders errors with their usage, and drops control characters', () => {
    const { lines } = renderReply(
      { kind: 'error', text: 'Bad\u0007 <thing>', usage: 'latest [n]' },
      { timeZone: 'UTC', mode: 'reply' },
    );
    expect(toHtml(lines)).toBe('⚠️ Bad &lt;thing&gt;\nUsage: <code>latest [n]</code>');
  });
});
