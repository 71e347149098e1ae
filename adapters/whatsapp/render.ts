import {
  shownDate,
  shownSource,
  timeZoneOf,
  translate,
  type Reply,
  type StoryCard,
} from '../../src/index.ts';

/** What goes to `sendMessage`: a text, or an image (by URL) with its caption. */
export type RenderedMessage = { text: string } | { image: { url: string }; caption: string };

/** WhatsApp's own limits (the app cuts or refuses past these). */
export const WHATSAPP_LIMITS = {
  textChars: 4_096,
  captionChars: 1_024,
} as const;

export interface RenderOptions {
  /** IANA zone dates are shown in. */
  timeZone: string;
  /** Send a story's image (default true); false gives the text alone (the fallback). */
  images?: boolean;
  /** The language of the labels (set from the reply; English when none). */
  language?: string;
}

/**
 * A reply in WhatsApp's formatting: *bold* titles, _italic_ details, the link on its own line
 * (WhatsApp turns it into a link), a story's image as an image message with the text as caption.
 */
export function renderReply(reply: Reply, options: RenderOptions): RenderedMessage {
  const language = reply.kind === 'notice' ? undefined : reply.language;
  options = {
    ...options,
    timeZone: timeZoneOf(reply, options.timeZone),
    ...(language === undefined ? {} : { language }),
  };
  switch (reply.kind) {
    case 'card':
      return renderCard(reply, options);
    case 'cards':
      return reply.lead === true
        ? { text: fit(renderBatch(reply.heading, reply.cards, options)) }
        : { text: fit(renderList(reply.heading, reply.cards, reply.footer, options)) };
    case 'notice':
      return { text: fit(neutralise(reply.text)) };
    case 'error':
      return { text: fit(errorText(reply.text, reply.usage, options.language)) };
  }
}

/** A card, with what a post format changed: header, footer, the meta line left out. */
function renderCard(
  reply: Extract<Reply, { kind: 'card' }>,
  options: RenderOptions,
): RenderedMessage {
  const { card, heading, footer } = reply;
  const head = heading === undefined ? [] : [italic(heading)];
  const meta = reply.hide?.includes('meta') === true ? [] : [italic(metaText(card, options))];
  const top = [...head, bold(card.title), ...meta, ''];
  const body = bodyLines(card);
  const tail = [
    ...tailLines(card, options.language),
    ...(footer === undefined ? [] : ['', neutralise(footer)]),
  ];
  const whole = [...top, ...body, ...tail].join('\n');
  const image = options.images === false ? undefined : card.imageUrl;
  if (image === undefined || !isWebUrl(image)) return { text: fit(whole) };
  return { image: { url: image }, caption: fitCaption(top, body, tail) };
}

function bodyLines(card: StoryCard): string[] {
  if (card.summary.length > 0) return card.summary.map((s) => `• ${neutralise(oneLine(s))}`);
  return card.excerpt === '' ? [] : [neutralise(card.excerpt)];
}

function tailLines(card: StoryCard, language: string | undefined): string[] {
  const lines = [''];
  if (card.url !== undefined) lines.push(oneLine(card.url));
  if (card.topics.length > 0) {
    lines.push(italic(translate(language, 'card.topics', { topics: card.topics.join(', ') })));
  }
  return lines.length === 1 ? [] : lines;
}

/** Drops summary sentences from the end until the caption fits; cuts as a last resort. */
function fitCaption(top: string[], body: string[], tail: string[]): string {
  const kept = [...body];
  for (;;) {
    const caption = [...top, ...kept, ...tail].join('\n').trimEnd();
    if (caption.length <= WHATSAPP_LIMITS.captionChars || kept.length === 0) {
      return cut(caption, WHATSAPP_LIMITS.captionChars);
    }
    kept.pop();
  }
}

/** A numbered list: "1. *Title*" then the source and time in italics. */
function renderList(
  heading: string,
  cards: readonly StoryCard[],
  footer: string | undefined,
  options: RenderOptions,
): string {
  const lines = [bold(heading)];
  cards.forEach((card, index) => {
    lines.push(`${card.number ?? index + 1}. ${bold(card.title)}`);
    lines.push(`    ${italic(metaText(card, options))}`);
  });
  if (cards.length === 0) lines.push('(nothing)');
  if (footer !== undefined) lines.push('', italic(footer));
  return lines.join('\n');
}

/**
 * A batch of posts (ADR 0029) as text: the heading, the first story's card, then the others
 * numbered, each with its link (WhatsApp has no buttons to ask for a summary).
 */
function renderBatch(heading: string, cards: readonly StoryCard[], options: RenderOptions): string {
  const [first, ...rest] = cards;
  if (first === undefined) return renderList(heading, cards, undefined, options);
  const lead = [
    `${first.number ?? 1}. ${bold(first.title)}`,
    italic(metaText(first, options)),
    ...bodyLines({ ...first, summary: first.summary.slice(0, 1) }),
    ...tailLines(first, options.language),
  ];
  const lines = [bold(heading), '', ...lead, ''];
  rest.forEach((card, index) => {
    lines.push(`${card.number ?? index + 2}. ${bold(card.title)}`);
    lines.push(`    ${italic(metaText(card, options))}`);
    if (card.url !== undefined) lines.push(`    ${oneLine(card.url)}`);
  });
  return lines.join('\n');
}

function errorText(text: string, usage: string | undefined, language?: string): string {
  const lines = [`⚠️ ${neutralise(text)}`];
  if (usage !== undefined && usage !== '') {
    lines.push(italic(`${translate(language, 'card.usage')}${usage}`));
  }
  return lines.join('\n');
}

function metaText(card: StoryCard, options: RenderOptions): string {
  const when = formatTime(card.publishedAt, options.timeZone);
  return `${shownSource(card, options.language)} · ${shownDate(card, when, options.language)}`;
}

export function formatTime(date: Date, timeZone: string): string {
  const when = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(date);
  const zone = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value;
  return zone === undefined ? when : `${when} ${zone}`;
}

/** The markers WhatsApp pairs into formatting, and a look-alike that it leaves alone. */
const MARKERS: Readonly<Record<string, string>> = {
  '*': '∗',
  _: 'ˍ',
  '~': '∼',
  '`': 'ˋ',
};

/**
 * Text from outside (titles, summaries, quoted user words) made inert: a marker that appears
 * twice or more could pair up into bold, italic, strike or monospace, so each of its
 * occurrences becomes a look-alike; a lone one ("5 * 3") is left as written. A line that
 * starts with ">" (a quote block) gets a leading space. Control characters are removed.
 */
export function neutralise(text: string): string {
  let out = clean(text);
  for (const [marker, lookalike] of Object.entries(MARKERS)) {
    if (out.split(marker).length > 2) out = out.split(marker).join(lookalike);
  }
  return out.replace(/^>/gm, ' >');
}

function bold(text: string): string {
  return wrapIn('*', neutralise(oneLine(text)));
}

function italic(text: string): string {
  return wrapIn('_', neutralise(oneLine(text)));
}

/**
 * `*x*` with the marker made inert inside (a lone one would end the bold early); WhatsApp
 * formats only when the text inside does not start or end with a space.
 */
function wrapIn(marker: string, text: string): string {
  const inner = text
    .split(marker)
    .join(MARKERS[marker] ?? marker)
    .trim();
  return inner === '' ? '' : `${marker}${inner}${marker}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}

function fit(text: string): string {
  return cut(text, WHATSAPP_LIMITS.textChars);
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}
