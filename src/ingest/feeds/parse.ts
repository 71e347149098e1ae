import type { FeedDocument } from './feed-entry.ts';
import { loadFeedsmith } from './lazy-libs.ts';
import { fromAtom, fromJson, fromRdf, fromRss } from './map-entries.ts';
import { prepareXml } from './xml-repair.ts';

export type ParseOutcome = { ok: true; feed: FeedDocument } | { ok: false; reason: string };

type Shell = Omit<FeedDocument, 'warnings'>;
type Format = FeedDocument['format'];

/** The root elements that make an XML feed, by local name (any prefix, any case). */
const FEED_ROOTS: Readonly<Record<string, Exclude<Format, 'json'>>> = {
  rss: 'rss',
  rdf: 'rdf',
  feed: 'atom',
};

const HTML_PAGE = 'not a feed: the URL returns an HTML page (look for its RSS/Atom link)';
/** Roots that make a document an HTML page (served without its <html>, too). */
const HTML_ROOTS = new Set(['html', 'head', 'body']);

const refused = (reason: string): ParseOutcome => ({ ok: false, reason });

/**
 * Reads RSS 0.90-2.x, RSS 1.0 (RDF), Atom 0.3 and 1.0, and JSON Feed 1.0 and 1.1 as leniently
 * as the best readers: the document's root (or a JSON Feed's version or items) decides the
 * format, and elements the specs call required may be missing (an empty feed has no entries).
 * A document that is not a feed is refused with what it is instead; failures are values.
 */
export function parseFeedText(text: string): ParseOutcome {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed === '') return refused('the response is empty');
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return parseJsonText(trimmed);
  if (!trimmed.startsWith('<')) {
    const start = JSON.stringify(trimmed.slice(0, 40));
    return refused(`not a feed: the response is neither XML nor JSON (it begins ${start})`);
  }
  return parseXmlText(trimmed);
}

function parseXmlText(text: string): ParseOutcome {
  const prepared = prepareXml(text);
  const local = prepared.root?.replace(/^.*:/, '').toLowerCase();
  if (HTML_ROOTS.has(local ?? '') || /^<!doctype html[\s>]/i.test(text)) return refused(HTML_PAGE);
  const format = local === undefined ? undefined : FEED_ROOTS[local];
  if (prepared.root !== undefined && format === undefined) {
    return refused(`not a feed: an XML document whose root is <${prepared.root}>`);
  }
  if (prepared.error !== undefined) return refused(prepared.error);
  if (format === undefined) return refused('not a feed: the document holds no XML element');
  const read = readWith(format, () => xmlShell(format, prepared.xml));
  return read.ok ? withWarnings(read.feed, prepared.warnings) : read;
}

function xmlShell(format: Exclude<Format, 'json'>, xml: string): Shell {
  const feedsmith = loadFeedsmith();
  switch (format) {
    case 'rss':
      return fromRss(feedsmith.parseRssFeed(xml));
    case 'rdf':
      return fromRdf(feedsmith.parseRdfFeed(xml));
    case 'atom':
      return fromAtom(feedsmith.parseAtomFeed(xml));
  }
}

function parseJsonText(text: string): ParseOutcome {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return refused(`not valid JSON: ${(err as Error).message}`);
  }
  const object = jsonFeedObject(value);
  if (typeof object === 'string') {
    return refused(`not a feed: JSON that is not a JSON Feed (${object})`);
  }
  // A feed without its version is read as the current version (feedsmith asks for one).
  const versioned = { version: 'https://jsonfeed.org/version/1.1', ...object };
  return readWith('json', () => fromJson(loadFeedsmith().parseJsonFeed(versioned)));
}

/**
 * The object when it is a JSON Feed (its version names jsonfeed.org; or, with no version, it
 * has an items list), else what the JSON is instead.
 */
function jsonFeedObject(value: unknown): Record<string, unknown> | string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value !== 'object') return `a ${typeof value}`;
  const object = value as Record<string, unknown>;
  const { version, items } = object;
  if (typeof version === 'string') {
    return version.includes('jsonfeed.org/version/')
      ? object
      : `its "version" is ${JSON.stringify(version.slice(0, 60))}`;
  }
  return Array.isArray(items) ? object : 'an object with no JSON Feed "version" and no "items"';
}

/**
 * Runs feedsmith: its "nothing found" errors (no element it knows, or none with a value) mean
 * a feed with no entries, since the root already says the document is a feed; XML it cannot
 * read at all is refused with the XML parser's reason.
 */
function readWith(format: Format, read: () => Shell): ParseOutcome {
  const feedsmith = loadFeedsmith();
  try {
    return { ok: true, feed: { ...read(), warnings: [] } };
  } catch (err) {
    if (err instanceof feedsmith.DetectError || err instanceof feedsmith.ParseError) {
      return { ok: true, feed: { format, entries: [], warnings: [] } };
    }
    const cause = err instanceof feedsmith.MalformedError ? err.cause : err;
    const message = cause instanceof Error ? cause.message : String(cause);
    return refused(`not well-formed ${format === 'json' ? 'JSON Feed' : 'XML'} (${message})`);
  }
}

function withWarnings(feed: FeedDocument, warnings: string[]): ParseOutcome {
  return { ok: true, feed: { ...feed, warnings: [...warnings, ...feed.warnings] } };
}
