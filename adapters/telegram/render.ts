import {
  shownDate,
  shownSource,
  translate,
  timeZoneOf,
  type CardPart,
  type Reply,
  type StoryCard,
} from '../../src/index.ts';
import { cleanText, truncate, visibleLength, type Line, type Piece } from './html.ts';
import { TELEGRAM_LIMITS } from './limits.ts';

export interface Button {
  text: string;
  callback_data: string;
}

export interface InlineKeyboard {
  inline_keyboard: Button[][];
}

/** A reply ready to send: lines (HTML built at send time), buttons, and a photo if any. */
export interface RenderedMessage {
  lines: Line[];
  keyboard?: InlineKeyboard;
  /** Sent as a photo with `caption` (at most 1,024 characters), else as text. */
  photo?: { url: string; caption: Line[] };
  /** The chat turned link previews off (`previews off`). */
  noPreview?: true;
}

export interface RenderOptions {
  timeZone: string;
  /** A broadcast shows a story's lead (Summary gives the rest); a reply shows all of it. */
  mode: 'broadcast' | 'reply';
  /** The language of the labels (set from the reply; English when none). */
  language?: string;
}

/** What a button asks for: the summary, the related stories or the coverage of one story. */
export type ButtonAction = { kind: ActionKind; storyId: string };
export type ActionKind = 'summary' | 'related' | 'coverage';

/** One letter per action, in callback data and deep links ("s:<id>", "/start c_<id>"). */
export const ACTION_CODES = { summary: 's', related: 'r', coverage: 'c' } as const;
const ACTION_OF: Readonly<Record<string, ActionKind>> = {
  s: 'summary',
  r: 'related',
  c: 'coverage',
};

/** The action of a one-letter code, if any. */
export function actionOf(code: string): ActionKind | undefined {
  return ACTION_OF[code];
}

export function renderReply(reply: Reply, options: RenderOptions): RenderedMessage {
  const language = reply.kind === 'notice' ? undefined : reply.language;
  const rendered = renderParts(reply, {
    ...options,
    timeZone: timeZoneOf(reply, options.timeZone),
    ...(language === undefined ? {} : { language }),
  });
  const hidden = reply.kind === 'card' || reply.kind === 'cards' ? reply.hide : undefined;
  const noPreview = hidden?.includes('preview') === true;
  return noPreview ? { ...rendered, noPreview: true } : rendered;
}

function renderParts(reply: Reply, options: RenderOptions): RenderedMessage {
  switch (reply.kind) {
    case 'card':
      return renderCard(reply, options);
    case 'cards':
      return reply.lead === true
        ? renderBatch(reply.heading, reply.cards, options)
        : renderList(reply.heading, reply.cards, reply.footer, options);
    case 'notice':
      return { lines: textLines(reply.text) };
    case 'error':
      return { lines: errorLines(reply.text, reply.usage, options.language) };
  }
}

/** A card, with what a post format changed: heading, footer, meta line or buttons left out. */
function renderCard(
  reply: Extract<Reply, { kind: 'card' }>,
  options: RenderOptions,
): RenderedMessage {
  const { card, heading, footer } = reply;
  const hidden = (part: CardPart) => reply.hide?.includes(part) === true;
  const head: Line[] = heading === undefined ? [] : [[{ text: cleanText(heading), style: 'i' }]];
  const title = titleLine(card);
  const meta: Line[] = hidden('meta') ? [] : [[{ text: metaText(card, options), style: 'i' }]];
  const body = options.mode === 'broadcast' ? leadLines(card) : bodyLines(card);
  const foot: Line[] = footer === undefined ? [] : [[], ...textLines(footer)];
  const tail = [...linkLines(card, options.language), ...foot];
  const lines = [...head, title, ...meta, [], ...body, ...tail];
  const buttons = hidden('buttons') ? [] : cardButtons(card, options);
  const keyboard = buttons.length === 0 ? undefined : { inline_keyboard: [buttons] };
  const photo =
    card.imageUrl === undefined
      ? undefined
      : { url: card.imageUrl, caption: fitCaption(head, title, meta, body, tail) };
  return {
    lines,
    ...(keyboard === undefined ? {} : { keyboard }),
    ...(photo === undefined ? {} : { photo }),
  };
}

function titleLine(card: StoryCard): Line {
  const title = cleanText(card.title);
  return [
    card.url === undefined
      ? { text: title, style: 'b' }
      : { text: title, style: 'b', href: card.url },
  ];
}

function metaText(card: StoryCard, options: RenderOptions): string {
  const when = formatTime(card.publishedAt, options.timeZone);
  return `${cleanText(shownSource(card, options.language))} · ${shownDate(card, when, options.language)}`;
}

/** A broadcast's body: the first summary sentence, or the excerpt. */
function leadLines(card: StoryCard): Line[] {
  const [first] = card.summary;
  return textLines(first ?? card.excerpt);
}

/** A reply's body: every summary sentence as a bullet, or the excerpt. */
function bodyLines(card: StoryCard): Line[] {
  if (card.summary.length === 0) return textLines(card.excerpt);
  return card.summary.map((sentence) => [{ text: `• ${cleanText(sentence)}` }]);
}

function linkLines(card: StoryCard, language: string | undefined): Line[] {
  const lines: Line[] = [];
  if (card.url !== undefined) {
    lines.push([{ text: translate(language, 'card.readStory'), href: card.url }]);
  }
  if (card.topics.length > 0) {
    const topics = card.topics.map(cleanText).join(', ');
    lines.push([{ text: translate(language, 'card.topics', { topics }) }]);
  }
  return lines.length === 0 ? [] : [[], ...lines];
}

/** The caption of a photo: the card, dropping the body, then cutting the title, to fit. */
function fitCaption(head: Line[], title: Line, meta: Line[], body: Line[], tail: Line[]): Line[] {
  const max = TELEGRAM_LIMITS.captionChars;
  const full = [...head, title, ...meta, [], ...body, ...tail];
  if (visibleLength(full) <= max) return full;
  const short = [...head, title, ...meta, ...tail];
  if (visibleLength(short) <= max) return short;
  const cut = (line: Line): Line => line.map((p) => ({ ...p, text: truncate(p.text, 120) }));
  return [title, ...meta, ...tail].map(cut);
}

function cardButtons(card: StoryCard, options: RenderOptions): Button[] {
  const { mode } = options;
  const actions =
    mode === 'broadcast'
      ? (['summary', 'related', 'coverage'] as const)
      : (['related', 'coverage'] as const);
  return actions.flatMap((kind) =>
    button(label(options.language, kind), { kind, storyId: card.id }),
  );
}

const LABEL_KEYS = {
  summary: 'card.summary',
  related: 'card.related',
  coverage: 'card.coverage',
} as const;

const label = (language: string | undefined, kind: ActionKind, n?: number) =>
  `${translate(language, LABEL_KEYS[kind])}${n === undefined ? '' : ` ${n}`}`;

function button(text: string, action: ButtonAction): Button[] {
  const data = encodeAction(action);
  return data === undefined ? [] : [{ text, callback_data: data }];
}

/** "s:<id>", "r:<id>" or "c:<id>"; undefined when it would pass Telegram's 64 bytes. */
export function encodeAction(action: ButtonAction): string | undefined {
  const data = `${ACTION_CODES[action.kind]}:${action.storyId}`;
  return Buffer.byteLength(data, 'utf8') <= TELEGRAM_LIMITS.callbackDataBytes ? data : undefined;
}

export function decodeAction(data: string): ButtonAction | undefined {
  const match = /^([src]):(\S{1,62})$/.exec(data);
  const kind = actionOf(match?.[1] ?? '');
  if (kind === undefined || match?.[2] === undefined) return undefined;
  return { kind, storyId: match[2] };
}

function renderList(
  heading: string,
  cards: readonly StoryCard[],
  footer: string | undefined,
  options: RenderOptions,
): RenderedMessage {
  const lines: Line[] = [[{ text: cleanText(heading), style: 'b' }], []];
  const rows: Button[][] = [];
  cards.forEach((card, index) => {
    const n = card.number ?? index + 1;
    lines.push(listLine(n, card), [{ text: `   ${metaText(card, options)}`, style: 'i' }]);
    const row = [
      ...button(label(options.language, 'summary', n), { kind: 'summary', storyId: card.id }),
      ...button(label(options.language, 'related', n), { kind: 'related', storyId: card.id }),
    ];
    if (row.length > 0) rows.push(row);
  });
  if (cards.length === 0) lines.push([{ text: '(nothing yet)' }]);
  if (footer !== undefined) lines.push([], [{ text: cleanText(footer), style: 'i' }]);
  return rows.length === 0 ? { lines } : { lines, keyboard: { inline_keyboard: rows } };
}

/** Summary buttons of a batch in a row at most. */
const BATCH_BUTTONS_PER_ROW = 5;

/**
 * A batch of posts (ADR 0029): the heading, the first story's card (as text: no photo), the
 * others as a numbered list, and a Summary button for each story.
 */
function renderBatch(
  heading: string,
  cards: readonly StoryCard[],
  options: RenderOptions,
): RenderedMessage {
  const [first, ...rest] = cards;
  if (first === undefined) return renderList(heading, cards, undefined, options);
  const lead = renderCard({ kind: 'card', card: first, hide: ['buttons'] }, options).lines;
  const [title = [], ...card] = lead;
  const lines: Line[] = [[{ text: cleanText(heading), style: 'b' }], []];
  lines.push([{ text: `${first.number ?? 1}. ` }, ...title], ...card, []);
  rest.forEach((c, index) => {
    lines.push(listLine(c.number ?? index + 2, c), [
      { text: `   ${metaText(c, options)}`, style: 'i' },
    ]);
  });
  const buttons = cards.flatMap((c, index) =>
    button(label(options.language, 'summary', c.number ?? index + 1), {
      kind: 'summary',
      storyId: c.id,
    }),
  );
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += BATCH_BUTTONS_PER_ROW)
    rows.push(buttons.slice(i, i + BATCH_BUTTONS_PER_ROW));
  return rows.length === 0 ? { lines } : { lines, keyboard: { inline_keyboard: rows } };
}

function listLine(n: number, card: StoryCard): Line {
  const title: Piece = { text: cleanText(card.title) };
  return [{ text: `${n}. ` }, card.url === undefined ? title : { ...title, href: card.url }];
}

function textLines(text: string): Line[] {
  return cleanText(text)
    .split('\n')
    .map((line) => [{ text: line }]);
}

function errorLines(text: string, usage: string | undefined, language?: string): Line[] {
  const lines = textLines(`⚠️ ${text}`);
  if (usage !== undefined)
    lines.push([
      { text: translate(language, 'card.usage') },
      { text: cleanText(usage), style: 'code' },
    ]);
  return lines;
}

export function formatTime(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(date);
}
