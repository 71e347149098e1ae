import { Readability } from '@mozilla/readability';
import { cleanParagraphs } from '../../text/clean.ts';
import { decodeBody } from './decode.ts';
import { parseHtmlDocument } from './dom.ts';
import type { Fetcher } from './fetch.ts';
import { htmlToParagraphs } from './html-text.ts';

export type FullTextOutcome = { ok: true; paragraphs: string[] } | { ok: false; reason: string };

const HTML_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';

/** The article's main text out of a page's HTML (Readability over linkedom), as paragraphs. */
export function extractMainText(html: string): string[] {
  const doc = parseHtmlDocument(html);
  const ReadabilityOver = Readability as unknown as new (doc: unknown) => {
    parse(): { content?: string | null } | null;
  };
  const article = new ReadabilityOver(doc).parse();
  const content = article?.content ?? '';
  return content === '' ? [] : cleanParagraphs(htmlToParagraphs(content));
}

/**
 * Fetches an article page (through the same guarded fetcher: SSRF guard, timeouts, body
 * limit) and extracts its main text. Failures are values; the caller keeps the feed's teaser.
 */
export async function fetchFullText(fetcher: Fetcher, url: string): Promise<FullTextOutcome> {
  const res = await fetcher({ url, accept: HTML_ACCEPT });
  if (res.kind !== 'ok') {
    return { ok: false, reason: res.kind === 'failed' ? res.reason : 'not modified' };
  }
  const { text } = decodeBody(res.body, res.contentType);
  const paragraphs = extractMainText(text);
  if (paragraphs.length === 0) return { ok: false, reason: `no article text found at ${url}` };
  return { ok: true, paragraphs };
}
