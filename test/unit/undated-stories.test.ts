import { describe, expect, it } from 'vitest';
import { renderReply as consoleRender } from '../../adapters/console/render.ts';
import { renderMessage as discordRender } from '../../adapters/discord/render.ts';
import { toHtml } from '../../adapters/telegram/html.ts';
import { renderReply as telegramRender } from '../../adapters/telegram/render.ts';
import { renderReply as whatsappRender } from '../../adapters/whatsapp/render.ts';
import { formatStory, formatStoryLine } from '../../src/cli/story-format.ts';
import { replyToPlainText } from '../../src/commands/plain-text.ts';
import { toCard, type Reply } from '../../src/domain/reply.ts';
import type { Story } from '../../src/domain/story.ts';
import { makeDraft } from '../support/drafts.ts';

const SEEN = new Date('2026-06-01T09:30:00Z');

function story(dateEstimated: boolean, title: string): Story {
  const draft = makeDraft({ title, dateEstimated, publishedAt: SEEN, topics: ['City'] });
  return { ...draft, ingestedAt: SEEN, updatedAt: SEEN };
}

const undated = story(true, 'No date on this one');
const dated = story(false, 'Dated as published');

/** A broadcast card, and a digest listing both stories (the undated one first). */
const replies: Record<'card' | 'digest', Reply> = {
  card: { kind: 'card', card: toCard(undated) },
  digest: {
    kind: 'cards',
    heading: 'Your digest: 2 stories',
    cards: [undated, dated].map((s, i) => toCard(s, i + 1)),
  },
};

/** Each renderer's text for a reply, as the reader sees it. */
const renderers: Record<string, (reply: Reply) => string> = {
  telegram: (reply) => toHtml(telegramRender(reply, { timeZone: 'UTC', mode: 'broadcast' }).lines),
  whatsapp: (reply) => {
    const out = whatsappRender(reply, { timeZone: 'UTC', images: false });
    return 'text' in out ? out.text : out.caption;
  },
  discord: (reply) => JSON.stringify(discordRender(reply).embeds),
  console: (reply) => consoleRender(reply, { timeZone: 'UTC' }),
  'plain text (herald ask)': (reply) => replyToPlainText(reply, { timeZone: 'UTC' }),
};

const NOTE = /no date given, first seen/g;

describe('an undated story says so wherever its date is shown', () => {
  it.each(Object.entries(renderers))(
    '%s: on its card and in a digest, once each',
    (_name, render) => {
      expect(render(replies.card).match(NOTE)).toHaveLength(1);
      // The digest lists both; only the undated story carries the note.
      expect(render(replies.digest).match(NOTE)).toHaveLength(1);
      expect(render({ kind: 'card', card: toCard(dated) })).not.toMatch(NOTE);
    },
  );

  it('the CLI: `herald stories` lines and `herald show`', () => {
    expect(formatStoryLine(undated)).toMatch(NOTE);
    expect(formatStoryLine(dated)).not.toMatch(NOTE);
    expect(formatStory(undated)).toContain('published: no date given, first seen 2026-06-01T09:30');
  });

  it('Discord keeps the first-seen time as the embed timestamp and says it in the footer', () => {
    const [embed] = discordRender(replies.card).embeds;
    expect(embed?.timestamp).toBe(SEEN.toISOString());
    expect(embed?.footer?.text).toBe('Example News · City · no date given, first seen');
  });
});
