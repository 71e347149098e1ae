import { translate } from '../domain/i18n.ts';
import { shownDate, shownSource, type Reply, type StoryCard } from '../domain/reply.ts';

export interface PlainTextOptions {
  /** IANA zone dates are shown in. */
  timeZone: string;
  /** The language of the labels (set from the reply; English when none). */
  language?: string;
}

/** Control characters (ANSI escapes included) other than line breaks: never printed. */
const CONTROLS = /[\p{Cc}\p{Cf}]/gu;

function clean(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]/g, ' ')
    .replace(CONTROLS, (c) => (c === '\n' ? c : ''));
}

/**
 * A reply as plain text, for `herald ask` and logs: no markup, controls removed, dates in the
 * given zone. Platform adapters render replies their own way.
 */
export function replyToPlainText(reply: Reply, given: PlainTextOptions): string {
  const language = reply.kind === 'notice' ? given.language : (reply.language ?? given.language);
  const options = { ...given, ...(language === undefined ? {} : { language }) };
  switch (reply.kind) {
    case 'card':
      return [
        ...(reply.heading === undefined ? [] : [clean(reply.heading), '']),
        cardText(reply.card, options),
      ].join('\n');
    case 'cards':
      return [
        clean(reply.heading),
        '',
        ...reply.cards.map((card) => listLine(card, options)),
        ...(reply.footer === undefined ? [] : ['', clean(reply.footer)]),
      ].join('\n');
    case 'notice':
      return clean(reply.text);
    case 'error':
      return [
        clean(reply.text),
        ...(reply.usage === undefined
          ? []
          : [`${translate(options.language, 'card.usage')}${clean(reply.usage)}`]),
      ].join('\n');
  }
}

function cardText(card: StoryCard, options: PlainTextOptions): string {
  const body = card.summary.length > 0 ? card.summary.join(' ') : card.excerpt;
  return [
    clean(card.title),
    byline(card, options),
    '',
    clean(body),
    ...(card.url === undefined ? [] : ['', clean(card.url)]),
    ...(card.topics.length === 0
      ? []
      : [translate(options.language, 'card.topics', { topics: clean(card.topics.join(', ')) })]),
    `Id: ${clean(card.id)}`,
  ].join('\n');
}

function listLine(card: StoryCard, options: PlainTextOptions): string {
  const number = card.number === undefined ? '-' : `${card.number}.`;
  return `${number} ${clean(card.title)}\n   ${byline(card, options)} · ${clean(card.id)}`;
}

function byline(card: StoryCard, options: PlainTextOptions): string {
  const when = formatDate(card.publishedAt, options.timeZone);
  return `${clean(shownSource(card, options.language))}, ${shownDate(card, when, options.language)}`;
}

function formatDate(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}
