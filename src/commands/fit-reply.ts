import { REPLY_LIMITS, type Reply, type StoryCard } from '../domain/reply.ts';
import { truncate } from './text.ts';

/** Topics and keywords shown on a card, and the length of each. */
const CARD_TERMS = 10;
const TERM_CHARS = 100;
const URL_CHARS = 2_000;

/** The same reply, cut where needed so that it fits REPLY_LIMITS on every platform. */
export function fitReply(reply: Reply): Reply {
  switch (reply.kind) {
    case 'card':
      return { ...reply, card: fitCard(reply.card), ...heading(reply.heading) };
    case 'cards':
      return {
        kind: 'cards',
        heading: truncate(reply.heading, REPLY_LIMITS.titleChars),
        cards: reply.cards.slice(0, REPLY_LIMITS.cards).map(fitCard),
        ...(reply.footer === undefined ? {} : { footer: truncate(reply.footer, 500) }),
        ...(reply.timeZone === undefined ? {} : { timeZone: reply.timeZone }),
        ...(reply.language === undefined ? {} : { language: reply.language }),
      };
    case 'notice':
      return { kind: 'notice', text: truncate(reply.text, REPLY_LIMITS.noticeChars) };
    case 'error':
      return {
        ...fitError(reply.text, reply.usage),
        ...(reply.language === undefined ? {} : { language: reply.language }),
      };
  }
}

function heading(text: string | undefined): { heading?: string } {
  return text === undefined ? {} : { heading: truncate(text, REPLY_LIMITS.titleChars) };
}

function fitError(text: string, usage: string | undefined): Reply {
  const fittedUsage = usage === undefined ? undefined : truncate(usage, 500);
  // An adapter shows the usage on its own line: leave room for the line break.
  const room = REPLY_LIMITS.noticeChars - (fittedUsage === undefined ? 0 : fittedUsage.length + 1);
  return {
    kind: 'error',
    text: truncate(text, room),
    ...(fittedUsage === undefined ? {} : { usage: fittedUsage }),
  };
}

export function fitCard(card: StoryCard): StoryCard {
  const { url, imageUrl, ...rest } = card;
  return {
    ...rest,
    title: truncate(card.title, REPLY_LIMITS.titleChars),
    source: truncate(card.source, TERM_CHARS),
    summary: fitSummary(card.summary),
    excerpt: truncate(card.excerpt, REPLY_LIMITS.excerptChars),
    topics: card.topics.slice(0, CARD_TERMS).map((t) => truncate(t, TERM_CHARS)),
    keywords: card.keywords.slice(0, CARD_TERMS).map((t) => truncate(t, TERM_CHARS)),
    ...(fits(url) ? { url } : {}),
    ...(fits(imageUrl) ? { imageUrl } : {}),
  };
}

/** A link too long to show is left out rather than cut (a cut link is a broken link). */
function fits(url: string | undefined): url is string {
  return url !== undefined && url.length <= URL_CHARS;
}

/** Whole sentences while they fit (counting one space between them); a long first one is cut. */
function fitSummary(sentences: readonly string[]): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const sentence of sentences) {
    const cost = sentence.length + (kept.length > 0 ? 1 : 0);
    if (used + cost > REPLY_LIMITS.summaryChars) break;
    kept.push(sentence);
    used += cost;
  }
  const first = sentences[0];
  if (kept.length === 0 && first !== undefined) {
    kept.push(truncate(first, REPLY_LIMITS.summaryChars));
  }
  return kept;
}
