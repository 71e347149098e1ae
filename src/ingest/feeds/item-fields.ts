import { createHash } from 'node:crypto';
import { decodeHTMLStrict } from 'entities';
import {
  cleanParagraphs,
  linesToParagraphs,
  normalizeLine,
  normalizeText,
} from '../../text/clean.ts';
import { splitSentences } from '../../text/sentences.ts';
import type { FeedEntry } from './feed-entry.ts';
import { htmlToLine, htmlToParagraphs } from './html-text.ts';

/** Dates before this are placeholders (1970, 0001), not publication dates. */
const EARLIEST = Date.UTC(1990, 0, 1);

/** RFC 822 or ISO 8601 (as most feeds write them); undefined when missing or invalid. */
export function parseFeedDate(raw: string | undefined): Date | undefined {
  if (raw === undefined) return undefined;
  const ms = Date.parse(raw.trim());
  if (Number.isNaN(ms) || ms < EARLIEST) return undefined;
  return new Date(ms);
}

/** An absolute http(s) URL, resolved against `base`; undefined for anything else. */
export function resolveHttpUrl(raw: string | undefined, base: string): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  try {
    const url = new URL(raw.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** The base that relative links are resolved against: xml:base, the site URL, the feed URL. */
export function linkBase(feedUrl: string, siteUrl?: string, xmlBase?: string): string {
  for (const candidate of [xmlBase, siteUrl]) {
    const resolved = resolveHttpUrl(candidate, feedUrl);
    if (resolved !== undefined) return resolved;
  }
  return feedUrl;
}

/** The title as one clean line: tags and scripts dropped, entities decoded (twice-escaped too). */
export function cleanTitle(raw: string | undefined): string {
  if (raw === undefined) return '';
  return normalizeLine(normalizeText(htmlToLine(raw)));
}

/**
 * The body as clean paragraphs, through the same cleaner as content/. Plain text (JSON Feed's
 * content_text) has its character references decoded too: publishers escape it as HTML.
 */
export function cleanBody(entry: FeedEntry): string[] {
  if (entry.html !== undefined) return cleanParagraphs(htmlToParagraphs(entry.html));
  if (entry.text !== undefined)
    return cleanParagraphs(linesToParagraphs(normalizeText(decodeHTMLStrict(entry.text))));
  return [];
}

/**
 * A stand-in title for an untitled item (microblog posts, RSS 0.92): its first sentence when
 * that is short enough, else the start of its text cut at a word.
 */
export function titleFromBody(paragraphs: string[], max = 90): string {
  const first = paragraphs[0] ?? '';
  const sentence = splitSentences(first)[0] ?? '';
  if (sentence.length <= max) return sentence;
  const cut = first.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trimEnd()}…`;
}

/** A stand-in title for an item with neither title nor text: its link without the scheme. */
export function titleFromUrl(url: string): string {
  const { host, pathname, search } = new URL(url);
  return `${host}${pathname === '/' ? '' : pathname}${search}`;
}

/**
 * The id of an item without a link, the same on every poll: from the feed URL and its guid;
 * else from its content (the title it gives, or its whole text when it gives none) and date.
 */
export function linklessId(
  feedUrl: string,
  guid: string | undefined,
  content: string,
  date?: Date,
): string {
  const key =
    guid !== undefined
      ? `guid:${feedUrl}#${guid}`
      : `td:${feedUrl}#${content}#${date?.toISOString() ?? ''}`;
  return createHash('sha256').update(`feed-item:${key}`).digest('hex').slice(0, 12);
}
