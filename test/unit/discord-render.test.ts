import { describe, expect, it } from 'vitest';
import { checkMessage, cut, DISCORD_LIMITS } from '../../adapters/discord/limits.ts';
import { parseButton, renderMessage } from '../../adapters/discord/render.ts';
import type { StoryCard } from '../../src/domain/reply.ts';

const card = (over: Partial<StoryCard> = {}): StoryCard => ({
  id: 'abcdefabcdef',
  title: 'Harbour bridge reopens',
  source: 'Example News',
  publishedAt: new Date('2026-06-01T07:00:00Z'),
  summary: ['The bridge reopened on Monday.'],
  excerpt: 'The bridge reopened.',
  url: 'https://news.example/bridge',
  imageUrl: 'https://news.example/bridge.jpg',
  topics: ['transport'],
  keywords: [],
  ...over,
});

describe('discord render', () => {
  it('renders a story as one embed with url, timestamp, image, footer and two buttons', () => {
    const m = renderMessage({ kind: 'card', card: card() });
    const [embed] = m.embeds;
    expect(embed).toMatchObject({
      title: 'Harbour bridge reopens',
      url: 'https://news.example/bridge',
      timestamp: '2026-06-01T07:00:00.000Z',
      image: { url: 'https://news.example/bridge.jpg' },
      footer: { text: 'Example News · transport' },
    });
    const ids = m.components[0]?.components.map((b) =>
      'custom_id' in b ? b.custom_id : 'url' in b ? b.url : undefined,
    );
    expect(ids).toEqual([
      'herald:summary:abcdefabcdef',
      'herald:related:abcdefabcdef',
      'herald:coverage:abcdefabcdef',
      'https://news.example/bridge',
    ]);
    expect(m.allowed_mentions).toEqual({ parse: [] });
  });

  it('fits a 100,000-character story into every limit', () => {
    const huge = 'x'.repeat(100_000);
    const big = card({ title: huge, source: huge, summary: [huge], topics: [huge] });
    const replies = [
      { kind: 'card' as const, card: big, heading: huge },
      {
        kind: 'cards' as const,
        heading: huge,
        cards: Array(10).fill(big) as StoryCard[],
        footer: huge,
      },
      { kind: 'cards' as const, heading: huge, cards: Array(20).fill(big) as StoryCard[] },
      { kind: 'notice' as const, text: huge },
      { kind: 'error' as const, text: huge, usage: huge },
    ];
    for (const reply of replies) expect(checkMessage(renderMessage(reply))).toEqual([]);
    expect(renderMessage(replies[0] ?? { kind: 'notice', text: '' }).embeds[0]?.title).toHaveLength(
      256,
    );
  });

  it('drops links that are not http(s) instead of sending a refused embed', () => {
    const m = renderMessage({
      kind: 'card',
      card: card({ url: 'javascript:alert(1)', imageUrl: 'ftp://x/y.png' }),
    });
    expect(m.embeds[0]?.url).toBeUndefined();
    expect(m.embeds[0]?.image).toBeUndefined();
    expect(m.components[0]?.components).toHaveLength(3);
  });

  it('shows feed markdown as text: no masked links, headings or bold', () => {
    const m = renderMessage({
      kind: 'card',
      card: card({ summary: ['[click](https://evil.example) **now**'] }),
    });
    const text = m.embeds[0]?.description ?? '';
    expect(text).toContain('\\[click](https');
    expect(text).toContain('\\*\\*now\\*\\*');
  });

  it('puts a long notice in an embed, a short one in content', () => {
    expect(renderMessage({ kind: 'notice', text: 'Subscribed.' }).content).toBe('Subscribed.');
    const long = renderMessage({ kind: 'notice', text: 'word '.repeat(700) });
    expect(long.content).toBeUndefined();
    expect(long.embeds[0]?.description?.length).toBeLessThanOrEqual(4096);
  });

  it('lists more than ten stories in one embed, numbered', () => {
    const cards = Array.from({ length: 12 }, (_, i) =>
      card({ title: `Story ${i + 1}`, number: i + 1 }),
    );
    const m = renderMessage({ kind: 'cards', heading: 'Latest', cards });
    expect(m.embeds).toHaveLength(1);
    expect(m.embeds[0]?.description).toContain('12. [Story 12](https://news.example/bridge)');
  });

  it('reads button ids back, and refuses anything else', () => {
    expect(parseButton('herald:related:abcdefabcdef')).toEqual({
      action: 'related',
      storyId: 'abcdefabcdef',
    });
    expect(parseButton('herald:coverage:abc')).toEqual({ action: 'coverage', storyId: 'abc' });
    expect(parseButton('herald:delete:abc')).toBeUndefined();
    expect(parseButton('other')).toBeUndefined();
  });

  it('cuts without splitting a surrogate pair', () => {
    const text = `${'a'.repeat(DISCORD_LIMITS.embedTitleChars - 2)}😀😀`;
    const cutText = cut(text, DISCORD_LIMITS.embedTitleChars);
    expect(cutText.length).toBeLessThanOrEqual(256);
    expect(cutText.endsWith('…')).toBe(true);
    expect(/[\uD800-\uDBFF]…$/.test(cutText)).toBe(false);
  });
});
