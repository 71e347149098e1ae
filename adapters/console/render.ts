import {
  shownDate,
  shownSource,
  translate,
  timeZoneOf,
  type CardPart,
  type Reply,
  type StoryCard,
} from '../../src/index.ts';

export interface RenderOptions {
  /** IANA zone dates are shown in. */
  timeZone: string;
  /** Line width for wrapping summaries. */
  width?: number;
  /** The language of the labels (set from the reply; English when none). */
  language?: string;
}

const RULE = '─'.repeat(60);

/**
 * Text as a reader sees it in a terminal. Story text comes from outside: control characters
 * (ANSI escapes included) are removed so a story cannot drive the terminal.
 */
export function renderReply(reply: Reply, options: RenderOptions): string {
  const language = reply.kind === 'notice' ? undefined : reply.language;
  options = {
    ...options,
    timeZone: timeZoneOf(reply, options.timeZone),
    ...(language === undefined ? {} : { language }),
  };
  switch (reply.kind) {
    case 'card':
      return renderBroadcast(reply.card, reply.heading, options, reply);
    case 'cards':
      return reply.lead === true
        ? renderBatch(reply.heading, reply.cards, options)
        : renderList(reply.heading, reply.cards, reply.footer, options);
    case 'notice':
      return clean(reply.text);
    case 'error':
      return [
        `! ${clean(reply.text)}`,
        ...(reply.usage
          ? [`  ${translate(options.language, 'card.usage').toLowerCase()}${clean(reply.usage)}`]
          : []),
      ].join('\n');
  }
}

/** One story whole: rule, heading, title, source and time, summary or excerpt, link, topics. */
export function renderBroadcast(
  card: StoryCard,
  heading: string | undefined,
  options: RenderOptions,
  format: { footer?: string; hide?: readonly CardPart[] } = {},
): string {
  const width = options.width ?? 78;
  const lines = [RULE];
  if (heading !== undefined) lines.push(clean(heading));
  lines.push(clean(card.title));
  if (format.hide?.includes('meta') !== true) lines.push(byline(card, options));
  lines.push('');
  if (card.summary.length > 0) {
    for (const sentence of card.summary)
      lines.push(...wrap(clean(sentence), width, '  • ', '    '));
  } else {
    lines.push(...wrap(clean(card.excerpt), width, '  ', '  '));
  }
  lines.push('');
  if (card.url !== undefined) lines.push(clean(card.url));
  if (card.topics.length > 0) {
    const topics = card.topics.map(clean).join(', ');
    lines.push(translate(options.language, 'card.topics', { topics }));
  }
  if (format.footer !== undefined) lines.push('', clean(format.footer));
  lines.push(RULE);
  return lines.join('\n');
}

/** A numbered list: "1. Title" then "   Source · time" (the number is what "summary 1" takes). */
export function renderList(
  heading: string,
  cards: readonly StoryCard[],
  footer: string | undefined,
  options: RenderOptions,
): string {
  const lines = [clean(heading)];
  cards.forEach((card, index) => {
    const number = card.number ?? index + 1;
    lines.push(`${number}. ${clean(card.title)}`);
    lines.push(`   ${byline(card, options)}`);
  });
  if (cards.length === 0) lines.push('(nothing)');
  if (footer !== undefined) lines.push(clean(footer));
  return lines.join('\n');
}

/** A batch of posts (ADR 0029): the heading, the first story whole, then the others numbered. */
export function renderBatch(
  heading: string,
  cards: readonly StoryCard[],
  options: RenderOptions,
): string {
  const [first, ...rest] = cards;
  if (first === undefined) return renderList(heading, cards, undefined, options);
  const numbered = { ...first, title: `${first.number ?? 1}. ${first.title}` };
  const lines = [clean(heading), renderBroadcast(numbered, undefined, options)];
  rest.forEach((card, index) => {
    lines.push(`${card.number ?? index + 2}. ${clean(card.title)}`);
    lines.push(`   ${byline(card, options)}`);
  });
  return lines.join('\n');
}

function byline(card: StoryCard, options: RenderOptions): string {
  const when = formatTime(card.publishedAt, options.timeZone);
  return `${clean(shownSource(card, options.language))} · ${shownDate(card, when, options.language)}`;
}

export function formatTime(date: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(date);
  return `${text} ${shortZone(date, timeZone)}`;
}

function shortZone(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' }).formatToParts(
    date,
  );
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** Removes C0/C1 control characters except newline and tab (ESC included: no ANSI sequences). */
export function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/** Greedy word wrap; the first line starts with `first`, the others with `rest`. */
export function wrap(text: string, width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const prefix = lines.length === 0 ? first : rest;
    if (line.length > prefix.length && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else {
      line += line.length > prefix.length ? ` ${word}` : word;
    }
  }
  lines.push(line);
  return lines;
}
