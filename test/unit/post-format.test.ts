import { describe, expect, it } from 'vitest';
import { createPreviewRenderer } from '../../adapters/previews.ts';
import { applyFormat, sendWithFallback, validateFormat } from '../../src/delivery/post-format.ts';
import { DEFAULT_FORMAT } from '../../src/domain/post-format.ts';
import type { SendOutcome } from '../../src/domain/platform.ts';
import { toCard, type Reply } from '../../src/domain/reply.ts';
import type { Story } from '../../src/domain/story.ts';
import { makeDraft } from '../support/drafts.ts';

const now = new Date('2026-06-01T12:00:00Z');
const story: Story = {
  ...makeDraft({
    title: 'Tom & Jerry <return>',
    source: 'Cartoon *News*',
    topics: ['World News', 'uk'],
    summary: ['A first sentence.'],
    imageUrl: 'https://img.example/1.jpg',
  }),
  ingestedAt: now,
  updatedAt: now,
};
const card: Reply = { kind: 'card', card: toCard(story) };
const format = (over: Partial<typeof DEFAULT_FORMAT>) => ({ ...DEFAULT_FORMAT, ...over });
const log = { warn: () => undefined };

describe('post formats', () => {
  it('refuses an unknown placeholder, naming it and the known ones', () => {
    const checked = validateFormat(format({ header: '{title} {author}' }), 'telegram');
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.problems[0]).toMatch(/unknown placeholder \{author\}.*\{title\}/);
  });

  it("refuses a header and footer that can pass the platform's room, and takes it elsewhere", () => {
    const long = format({ header: '{title} {link}', footer: '{title} {topics}' });
    expect(validateFormat(long, 'telegram').ok).toBe(false);
    expect(validateFormat(long, 'discord').ok).toBe(true);
  });

  it('fills placeholders as text, topics as hashtags, and leaves parts out', () => {
    const parts = { ...DEFAULT_FORMAT.parts, image: false, buttons: false, sourceTime: false };
    const out = applyFormat(
      card,
      format({ header: '{source}: {title}', footer: '{topics}', parts }),
    );
    expect(out).toMatchObject({
      heading: 'Cartoon *News*: Tom & Jerry <return>',
      footer: '#World_News #uk',
      hide: ['meta', 'buttons'],
    });
    expect(out.kind === 'card' && out.card.imageUrl).toBeUndefined();
  });

  it("is escaped by each platform's own renderer", async () => {
    const preview = createPreviewRenderer('UTC');
    const out = applyFormat(card, format({ header: '<b>{title}</b>', footer: '*{source}*' }));
    const telegram = await preview('telegram', out);
    expect(telegram).toContain('&lt;b&gt;Tom &amp; Jerry &lt;return&gt;&lt;/b&gt;');
    const discord = JSON.parse(await preview('discord', out)) as { content: string };
    expect(discord.content).toContain('\\*Cartoon \\*News\\*\\*');
    expect(await preview('console', out)).toContain('*Cartoon *News**');
  });

  it('sends the default card when the formatted post is refused as invalid', async () => {
    const sent: Reply[] = [];
    const send = (reply: Reply): Promise<SendOutcome> => {
      sent.push(reply);
      return Promise.resolve(
        sent.length === 1
          ? { kind: 'invalid', reason: '400 bad' }
          : { kind: 'sent', messageId: '9' },
      );
    };
    const postFormats = {
      getFormat: () =>
        Promise.resolve({
          subscriptionId: 's',
          format: format({ footer: 'x' }),
          updatedBy: 'a',
          updatedAt: now,
        }),
    };
    const outcome = await sendWithFallback({ postFormats, log }, 's', card, send);
    expect(outcome.kind).toBe('sent');
    expect(sent[0]).toMatchObject({ footer: 'x' });
    expect(sent[1]).toBe(card);
  });

  it('sends the default card when the format cannot be read', async () => {
    const postFormats = { getFormat: () => Promise.reject(new Error('disk on fire')) };
    const sent: Reply[] = [];
    await sendWithFallback({ postFormats, log }, 's', card, (r) => {
      sent.push(r);
      return Promise.resolve({ kind: 'sent', messageId: '1' });
    });
    expect(sent).toEqual([card]);
  });
});
