import { checkFetched, type CheckOutcome } from './check.ts';
import { decodeBody } from './decode.ts';
import { parseHtmlDocument } from './dom.ts';
import type { Fetcher } from './fetch.ts';

/** The `type` of a `<link rel="alternate">` that announces a feed (RSS, Atom, RDF, JSON Feed). */
const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
  'application/json',
]);

/** Where sites usually keep their feed, tried when a page announces none. */
export const USUAL_PATHS = [
  '/feed',
  '/rss',
  '/feed.xml',
  '/rss.xml',
  '/atom.xml',
  '/index.xml',
  '/feed.json',
] as const;

/** A feed a page announces: its absolute URL, its title and type as the page gives them. */
export interface FeedLink {
  url: string;
  title?: string;
  type: string;
}

export type FoundFeed = Extract<CheckOutcome, { ok: true }> & {
  /** The feed's URL (the URL given, or one found from it). */
  feedUrl: string;
  /** direct: the URL is a feed; link: a <link rel="alternate"> named it; path: a usual path. */
  via: 'direct' | 'link' | 'path';
  /** Every feed the page announced (empty when the URL was a feed). */
  links: FeedLink[];
};

export type Discovery = FoundFeed | { ok: false; reason: string; links: FeedLink[] };

/**
 * Finds the feed behind a URL: the URL itself when it is a feed; otherwise the page's
 * `<link rel="alternate">` feeds in page order, then the usual paths on its site. The first
 * candidate that yields a feed wins; failures are values, never thrown.
 */
export async function discoverFeed(url: string, fetcher: Fetcher): Promise<Discovery> {
  const res = await fetcher({ url });
  const direct = checkFetched(url, res);
  if (direct.ok) return { ...direct, feedUrl: url, via: 'direct', links: [] };
  if (res.kind !== 'ok') return { ok: false, reason: direct.reason, links: [] };
  const links = feedLinks(decodeBody(res.body, res.contentType).text, res.url);
  const tried: string[] = [];
  for (const link of links) {
    const found = await tryCandidate(link.url, fetcher, tried);
    if (found !== undefined) return { ...found, feedUrl: link.url, via: 'link', links };
  }
  for (const path of USUAL_PATHS) {
    const candidate = new URL(path, res.url).href;
    const found = await tryCandidate(candidate, fetcher, tried);
    if (found !== undefined) return { ...found, feedUrl: candidate, via: 'path', links };
  }
  const reason = `${direct.reason}; no feed found in its <link rel="alternate"> nor at ${USUAL_PATHS.join(', ')}`;
  return { ok: false, reason, links };
}

async function tryCandidate(url: string, fetcher: Fetcher, tried: string[]) {
  if (tried.includes(url)) return undefined;
  tried.push(url);
  const outcome = checkFetched(url, await fetcher({ url }));
  return outcome.ok ? outcome : undefined;
}

interface LinkElement {
  getAttribute(name: string): string | null;
}

/** The feeds an HTML page announces with `<link rel="alternate" type=...>`, resolved to absolute URLs. */
export function feedLinks(html: string, pageUrl: string): FeedLink[] {
  const doc = parseHtmlDocument(html);
  const found: FeedLink[] = [];
  const nodes = doc.querySelectorAll('link[rel][href]') as unknown as ArrayLike<LinkElement>;
  for (const el of Array.from(nodes)) {
    const rel = (el.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (el.getAttribute('type') ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
    if (!rel.includes('alternate') || !FEED_TYPES.has(type)) continue;
    const url = absolute(el.getAttribute('href') ?? '', pageUrl);
    if (url === undefined || found.some((f) => f.url === url)) continue;
    const title = el.getAttribute('title')?.trim();
    found.push({ url, type, ...(title ? { title } : {}) });
  }
  return found;
}

function absolute(href: string, base: string): string | undefined {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
