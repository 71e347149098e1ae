import type { Rejection } from '../parsed-story.ts';
import { decodeBody } from './decode.ts';
import type { Fetcher, FetchOutcome } from './fetch.ts';
import { parseFeedText } from './parse.ts';
import { feedToStories } from './to-stories.ts';

export interface CheckedItem {
  title: string;
  url: string | null;
  publishedAt: string | null;
}

export type CheckOutcome =
  | { ok: true; format: string; items: CheckedItem[]; errors: string[] }
  | { ok: false; reason: string };

/** Fetches a feed once and shows what would be ingested; stores nothing, keeps no state. */
export async function checkFeed(url: string, fetcher: Fetcher): Promise<CheckOutcome> {
  return checkFetched(url, await fetcher({ url }));
}

/** What a fetched response would yield as the feed at `url` (the check without the fetch). */
export function checkFetched(url: string, res: FetchOutcome): CheckOutcome {
  if (res.kind === 'failed') return { ok: false, reason: res.reason };
  if (res.kind === 'not-modified')
    return { ok: false, reason: 'the server answered 304 to an unconditional request' };
  const { text, encoding } = decodeBody(res.body, res.contentType);
  const parsed = parseFeedText(text);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const { stories, rejected } = feedToStories(parsed.feed, { feedUrl: url, topics: [] });
  const items = stories.map((s) => ({
    title: s.title,
    url: s.url ?? null,
    publishedAt: s.publishedAt?.toISOString() ?? null,
  }));
  const errors = [...parsed.feed.warnings, ...rejected.map(describe)];
  return { ok: true, format: `${parsed.feed.format} (${encoding})`, items, errors };
}

function describe(r: Rejection): string {
  return `${r.ref}: ${r.reason}`;
}
