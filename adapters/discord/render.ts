import {
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
} from 'discord.js';
import {
  shownSource,
  translate,
  type CardPart,
  type Reply,
  type StoryCard,
} from '../../src/index.ts';
import { DISCORD_LIMITS as L, cut, embedChars, isWebUrl } from './limits.ts';

/** A message as this adapter sends it: Discord API JSON, mentions always off. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowed_mentions: { parse: [] };
}

const HERALD_BLUE = 0x2b6cb0;
/** custom_id of the buttons: "herald:<action>:<story id>". */
export const BUTTON_PREFIX = 'herald';
export type ButtonAction = 'summary' | 'related' | 'coverage';

/**
 * Feed text is shown as text: no markdown, no masked links, no headings, no lists. Cut to
 * `max` before escaping (escapeMarkdown slows down badly on long text) and after.
 */
export function escapeText(text: string, max: number = L.embedDescriptionChars): string {
  return cut(
    escapeMarkdown(cut(clean(text), max), {
      heading: true,
      bulletedList: true,
      numberedList: true,
      maskedLink: true,
    }),
    max,
  );
}

/** Without C0/C1 control characters (newline and tab kept), which feed text may carry. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/** The platform-neutral reply as one Discord message, fitted to every limit. */
export function renderMessage(reply: Reply): DiscordMessage {
  switch (reply.kind) {
    case 'card':
      return formattedCard(reply);
    case 'cards':
      return reply.lead === true
        ? batchMessage(reply.heading, reply.cards, reply.language)
        : listMessage(reply.heading, reply.cards, reply.footer, reply.language);
    case 'notice':
      return textMessage(escapeText(reply.text));
    case 'error': {
      const label = translate(reply.language, 'card.usage');
      const usage = reply.usage === undefined ? '' : `\n${label}${escapeText(reply.usage, 500)}`;
      return textMessage(`⚠️ ${escapeText(reply.text)}${usage}`);
    }
  }
}

/** A card, with what a post format changed: header above, footer below, parts left out. */
function formattedCard(reply: Extract<Reply, { kind: 'card' }>): DiscordMessage {
  const hidden = (part: CardPart) => reply.hide?.includes(part) === true;
  const footer = reply.footer === undefined ? undefined : escapeText(reply.footer, 1000);
  const content = [heading(reply.heading), footer].filter((p) => p !== undefined).join('\n');
  const embed = cardEmbed(reply.card, FULL, reply.language);
  if (hidden('meta')) {
    delete embed.footer;
    delete embed.timestamp;
  }
  const buttons = hidden('buttons') ? [] : cardButtons(reply.card, reply.language);
  return message(content, [embed], buttons);
}

function message(
  content: string | undefined,
  embeds: APIEmbed[],
  components: DiscordMessage['components'] = [],
): DiscordMessage {
  return {
    ...(content === undefined || content === '' ? {} : { content: cut(content, L.contentChars) }),
    embeds,
    components,
    allowed_mentions: { parse: [] },
  };
}

/** Short text as content; longer text (up to 4,096) as an embed's description. */
function textMessage(text: string): DiscordMessage {
  if (text.length <= L.contentChars) return message(text, []);
  return message(undefined, [
    { description: cut(text, L.embedDescriptionChars), color: HERALD_BLUE },
  ]);
}

function heading(text: string | undefined): string | undefined {
  return text === undefined ? undefined : `**${escapeText(text, 500)}**`;
}

/** How much of each part of a story embed to keep. */
interface EmbedSizes {
  title: number;
  footer: number;
  /** At most this, and never past the 6,000 total of one message. */
  description: number;
}

const FULL: EmbedSizes = {
  title: L.embedTitleChars,
  footer: 256,
  description: L.embedDescriptionChars,
};
const COMPACT: EmbedSizes = { title: 200, footer: 100, description: 0 };

/** One story whole: title, link, summary (or excerpt), time, image, source and topics. */
export function cardEmbed(card: StoryCard, sizes: EmbedSizes = FULL, language?: string): APIEmbed {
  const numbered = card.number === undefined ? card.title : `${card.number}. ${card.title}`;
  const text =
    card.summary.length > 0 ? card.summary.map((s) => `• ${s}`).join('\n') : card.excerpt;
  const topics = card.topics.length === 0 ? '' : ` · ${card.topics.join(', ')}`;
  const title = cut(clean(numbered), sizes.title);
  // Discord shows the timestamp after the footer: an undated story's is when it was first seen.
  const undated = card.dateEstimated === true ? ` · ${translate(language, 'card.undated')}` : '';
  const footer =
    cut(clean(`${shownSource(card, language)}${topics}`), sizes.footer - undated.length) + undated;
  const room = Math.min(sizes.description, L.embedTotalChars - title.length - footer.length);
  return {
    title,
    ...(card.url !== undefined && isWebUrl(card.url) ? { url: card.url } : {}),
    ...(text === '' || room < 2 ? {} : { description: escapeText(text, room) }),
    ...timestamp(card.publishedAt),
    ...(card.imageUrl !== undefined && isWebUrl(card.imageUrl)
      ? { image: { url: card.imageUrl } }
      : {}),
    footer: { text: footer },
    color: HERALD_BLUE,
  };
}

function timestamp(date: Date): { timestamp?: string } {
  return Number.isNaN(date.getTime()) ? {} : { timestamp: date.toISOString() };
}

/** Summary, Related and Coverage, answered as component interactions, and a link to the story. */
export function cardButtons(card: StoryCard, language?: string): DiscordMessage['components'] {
  const buttons: APIButtonComponent[] = [
    actionButton('summary', card.id, translate(language, 'card.summary')),
    actionButton('related', card.id, translate(language, 'card.related')),
    actionButton('coverage', card.id, translate(language, 'card.coverage')),
  ];
  if (card.url !== undefined && isWebUrl(card.url)) {
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Link,
      label: translate(language, 'card.read'),
      url: card.url,
    });
  }
  return [{ type: ComponentType.ActionRow, components: buttons }];
}

function actionButton(action: ButtonAction, storyId: string, label: string): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label,
    custom_id: cut(`${BUTTON_PREFIX}:${action}:${storyId}`, L.customIdChars),
  };
}

/** Reads a button's custom_id back: the action and the story id, or undefined. */
export function parseButton(
  customId: string,
): { action: ButtonAction; storyId: string } | undefined {
  const match = /^herald:(summary|related|coverage):(\S{1,80})$/.exec(customId);
  const action = match?.[1] as ButtonAction | undefined;
  const storyId = match?.[2];
  if (storyId === undefined || action === undefined) return undefined;
  return { action, storyId };
}

/**
 * A listing: up to ten stories as one compact embed each (descriptions shortened so the whole
 * message stays under 6,000 characters); more than ten as one numbered list.
 */
function listMessage(
  title: string,
  cards: StoryCard[],
  footer: string | undefined,
  language?: string,
): DiscordMessage {
  const content = [heading(title), footer === undefined ? undefined : escapeText(footer, 1000)]
    .filter((x) => x !== undefined)
    .join('\n');
  if (cards.length === 0) return message(content, []);
  if (cards.length > L.embedsPerMessage) return message(content, [listEmbed(cards)]);
  const embeds = cards.map((c) => compactEmbed(c, 0, language));
  const room = L.embedTotalChars - embeds.reduce((n, e) => n + embedChars(e), 0);
  const each = Math.max(0, Math.min(300, Math.floor(room / cards.length)));
  return message(
    content,
    cards.map((c) => compactEmbed(c, each, language)),
  );
}

function compactEmbed(card: StoryCard, descriptionChars: number, language?: string): APIEmbed {
  const { image: _image, ...rest } = cardEmbed(
    { ...card, summary: card.summary.slice(0, 1) },
    { ...COMPACT, description: descriptionChars },
    language,
  );
  return rest;
}

/** A batch's first story: its lead sentence only, so the list beside it always fits. */
const LEAD: EmbedSizes = { title: L.embedTitleChars, footer: 256, description: 1_000 };

/**
 * A batch of posts (ADR 0029): the heading, the first story's embed, one embed listing the
 * others, and a Summary button for each story (five to a row; a batch holds at most 20).
 */
function batchMessage(title: string, cards: StoryCard[], language?: string): DiscordMessage {
  const [first, ...rest] = cards;
  if (first === undefined) return listMessage(title, cards, undefined, language);
  const lead = cardEmbed({ ...first, summary: first.summary.slice(0, 1) }, LEAD, language);
  const embeds = rest.length === 0 ? [lead] : [lead, listEmbed(rest)];
  const label = translate(language, 'card.summary');
  const buttons = cards.map((c, i) =>
    actionButton('summary', c.id, `${label} ${c.number ?? i + 1}`),
  );
  const rows: DiscordMessage['components'] = [];
  for (let i = 0; i < buttons.length && rows.length < L.actionRows; i += L.buttonsPerRow)
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + L.buttonsPerRow) });
  return message(heading(title), embeds, rows);
}

/** More than ten stories: one embed listing them, one line each. */
function listEmbed(cards: StoryCard[]): APIEmbed {
  const each = Math.floor(L.embedDescriptionChars / cards.length) - 1;
  const lines = cards.map((c, i) => {
    const title = escapeText(c.title, 120);
    const plain = `${c.number ?? i + 1}. ${title} · ${escapeText(shownSource(c), 80)}`;
    const linked = `${c.number ?? i + 1}. [${title}](${c.url ?? ''}) · ${escapeText(shownSource(c), 80)}`;
    const canLink = c.url !== undefined && isWebUrl(c.url) && linked.length <= each;
    return canLink ? linked : cut(plain, each);
  });
  return { description: cut(lines.join('\n'), L.embedDescriptionChars), color: HERALD_BLUE };
}
