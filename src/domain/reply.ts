import { translate, type MessageKey } from './i18n.ts';
import type { Story } from './story.ts';

/** A story as readers see it, on any platform. Each adapter renders it its own way. */
export interface StoryCard {
  id: string;
  title: string;
  source: string;
  publishedAt: Date;
  /** True when the story gave no date: `publishedAt` is when Herald first saw it. */
  dateEstimated?: boolean;
  /** The summary sentences; empty for a short story (then `excerpt` is shown). */
  summary: string[];
  /** The start of the body, for stories too short to summarise. */
  excerpt: string;
  url?: string;
  imageUrl?: string;
  topics: string[];
  keywords: string[];
  /** The number shown beside it in a listing ("summary 2" refers to it). */
  number?: number;
  /** How many outlets reported the story's event, when more than one. */
  outlets?: number;
}

/**
 * The source a reader is shown: with the number of outlets that reported the event when more
 * than one ("BBC News and 2 more outlets"). Every renderer shows the source through this.
 */
export function shownSource(card: { source: string; outlets?: number }, language?: string): string {
  const more = (card.outlets ?? 1) - 1;
  if (more <= 0) return card.source;
  const key = more === 1 ? 'card.oneMoreOutlet' : 'card.moreOutlets';
  return translate(language, key, { source: card.source, more });
}

/**
 * The date a reader is shown, as `when` (a platform's own formatting of `publishedAt`), said
 * to be the first-seen time when the story gave none. Every renderer shows dates through this.
 */
export function shownDate(
  story: { dateEstimated?: boolean },
  when: string,
  language?: string,
): string {
  return story.dateEstimated === true ? `${translate(language, 'card.undated')} ${when}` : when;
}

/**
 * The parts of a post that may be hidden beyond the card's own fields: the source and time
 * line and the buttons (a post format), the link preview (a chat's `previews off`).
 */
export type CardPart = 'meta' | 'buttons' | 'preview';

/** The zone a renderer shows times in: the chat's, when the reply carries it, else `fallback`. */
export function timeZoneOf(reply: Reply, fallback: string): string {
  return (reply.kind === 'card' || reply.kind === 'cards' ? reply.timeZone : undefined) ?? fallback;
}

/** A label of a card or an error ("Read the story", "Usage: ") in the reply's language. */
export function labelOf(reply: Reply, key: MessageKey, params?: Record<string, string>): string {
  return translate(reply.kind === 'notice' ? undefined : reply.language, key, params);
}

/** The platform-neutral answer to a command, or the content of a broadcast. */
export type Reply =
  | {
      kind: 'card';
      card: StoryCard;
      heading?: string;
      /** A line after the card (a subscription's post format). */
      footer?: string;
      /** Parts of the card left out: the source and time line, the buttons, the link preview. */
      hide?: readonly CardPart[];
      /** The chat's own time zone for the times shown (its `timezone`); else the adapter's. */
      timeZone?: string;
      /** The chat's language for the card's labels (its `language`); else English. */
      language?: string;
    }
  | {
      kind: 'cards';
      heading: string;
      cards: StoryCard[];
      /**
       * A batch of posts (stories that waited for the chat together): the first card is shown
       * whole, the others as the numbered list, with a Summary button for each.
       */
      lead?: true;
      footer?: string;
      /** Only 'preview' applies to a list. */
      hide?: readonly CardPart[];
      /** The chat's own time zone for the times shown; else the adapter's. */
      timeZone?: string;
      /** The chat's language for the labels; else English. */
      language?: string;
    }
  | { kind: 'notice'; text: string }
  | { kind: 'error'; text: string; usage?: string; language?: string };

/** Reply limits every adapter can meet (the smallest platform limits, with room to spare). */
export const REPLY_LIMITS = {
  cards: 20,
  titleChars: 250,
  summaryChars: 1_500,
  excerptChars: 600,
  noticeChars: 3_500,
  /**
   * One message of a batch of posts (ADR 0029) at most, as batchChars() counts it: under
   * Telegram's and WhatsApp's 4,096 characters of text and a Discord embed's 4,096, with room
   * for the heading, the numbers and the markup.
   */
  batchChars: 3_500,
} as const;

/** The first `end` UTF-16 units of `text`, one fewer when the cut would split a surrogate pair. */
export function sliceWhole(text: string, end: number): string {
  const code = text.charCodeAt(end - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end);
}

export function excerptOf(body: string, max: number = REPLY_LIMITS.excerptChars): string {
  const first = body.split(/\n{2,}/)[0] ?? '';
  if (first.length <= max) return first;
  const cut = first.slice(0, max - 1);
  return `${sliceWhole(cut, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}

export function toCard(story: Story, number?: number, outlets?: number): StoryCard {
  return {
    id: story.id,
    title: sliceWhole(story.title, REPLY_LIMITS.titleChars),
    source: story.source,
    publishedAt: story.publishedAt,
    ...(story.dateEstimated ? { dateEstimated: true } : {}),
    summary: story.summary,
    excerpt: excerptOf(story.body),
    ...(story.url === undefined ? {} : { url: story.url }),
    ...(story.imageUrl === undefined ? {} : { imageUrl: story.imageUrl }),
    topics: story.topics,
    keywords: story.keywords.slice(0, 8),
    ...(number === undefined ? {} : { number }),
    ...(outlets !== undefined && outlets > 1 ? { outlets } : {}),
  };
}
