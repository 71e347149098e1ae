import type { parseFeed } from 'feedsmith';
import { loadFeedsmith } from './lazy-libs.ts';
import type { FeedDocument } from './feed-entry.ts';
import { fromAtom, fromJson, fromRdf, fromRss } from './map-entries.ts';
import { prepareXml } from './xml-repair.ts';

export type ParseOutcome = { ok: true; feed: FeedDocument } | { ok: false; reason: string };

/**
 * Parses RSS 0.9x/1.0/2.0, Atom 1.0 or JSON Feed 1.x text (feedsmith, lenient). Expected
 * failures (not a feed, HTML page, broken JSON, nothing complete) are values with a reason.
 */
export function parseFeedText(text: string): ParseOutcome {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed === '') return { ok: false, reason: 'the response is empty' };
  if (trimmed.startsWith('{')) return parseJson(trimmed);
  if (/^(<!doctype html|<html)/i.test(trimmed)) {
    return {
      ok: false,
      reason: 'not a feed: the URL returns an HTML page (look for its RSS/Atom link)',
    };
  }
  const prepared = prepareXml(trimmed);
  if (prepared.error !== undefined) return { ok: false, reason: prepared.error };
  const parsed = tryParse(prepared.xml);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    feed: { ...parsed.feed, warnings: [...prepared.warnings, ...parsed.feed.warnings] },
  };
}

function parseJson(text: string): ParseOutcome {
  try {
    JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `not valid JSON: ${(err as Error).message}` };
  }
  return tryParse(text);
}

function tryParse(text: string): ParseOutcome {
  let result: ReturnType<typeof parseFeed>;
  try {
    result = loadFeedsmith().parseFeed(text);
  } catch (err) {
    return {
      ok: false,
      reason: `not a recognisable RSS, Atom or JSON feed (${(err as Error).message})`,
    };
  }
  switch (result.format) {
    case 'rss':
      return { ok: true, feed: { ...fromRss(result.feed), warnings: [] } };
    case 'rdf':
      return { ok: true, feed: { ...fromRdf(result.feed), warnings: [] } };
    case 'atom':
      return { ok: true, feed: { ...fromAtom(result.feed), warnings: [] } };
    case 'json':
      return { ok: true, feed: { ...fromJson(result.feed), warnings: [] } };
  }
}
