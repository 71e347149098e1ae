import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createManualClock } from '../../src/domain/clock.ts';
import { decodeBody } from '../../src/ingest/feeds/decode.ts';
import { createFetcher } from '../../src/ingest/feeds/fetch.ts';
import { parseFeedText } from '../../src/ingest/feeds/parse.ts';
import { pollFeed } from '../../src/ingest/feeds/poll.ts';
import { feedToStories } from '../../src/ingest/feeds/to-stories.ts';
import type { ParsedStory } from '../../src/ingest/parsed-story.ts';
import { createMemoryFeedStateStore } from '../../src/store/feed-state-store.ts';
import type { Verdict } from './hostile-harness.ts';
import { asBytes, type Input } from './hostile-inputs.ts';

/** The FEEDS_MAX_BYTES default: the 10 MB feed is refused by the poll, read by the parser. */
export const POLL_MAX_BYTES = 5_000_000;
const FEED_URL = 'https://news.example/feed.xml';

/** What no story from a hostile feed may carry: expanded entities, a local file, controls. */
function storyProblems(stories: readonly ParsedStory[]): string[] {
  const problems: string[] = [];
  const total = stories.reduce((n, s) => n + s.title.length + s.body.length, 0);
  if (total > 30_000_000) problems.push(`stories hold ${total} characters (entities expanded?)`);
  for (const s of stories) {
    if (/root:.*:0:0:/.test(s.body + s.title)) problems.push('a local file was read (XXE)');
    if (/lol(?:lol){50}/.test(s.title)) problems.push('a declared entity was expanded');
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000b-\u001f]/.test(s.title)) problems.push('control character in a title');
    if (s.url !== undefined && !/^https?:/.test(s.url)) problems.push(`non-web link ${s.url}`);
    if (s.imageUrl !== undefined && !/^https?:/.test(s.imageUrl))
      problems.push(`non-web image ${s.imageUrl}`);
    if (s.publishedAt !== undefined && Number.isNaN(s.publishedAt.getTime()))
      problems.push('an invalid date kept');
  }
  return problems;
}

function feedParse(input: Input): Verdict {
  const parsed = parseFeedText(decodeBody(asBytes(input), 'application/xml').text);
  if (!parsed.ok) return { rejected: parsed.reason, problems: [] };
  const items = feedToStories(parsed.feed, { feedUrl: FEED_URL, topics: [] });
  const rejected = items.rejected.map((r) => r.reason);
  return {
    ...(items.stories.length === 0 && rejected.length > 0 ? { rejected: rejected.join('; ') } : {}),
    problems: storyProblems(items.stories),
  };
}

let server: { url: string; body: Buffer; server: Server } | undefined;

/** One loopback server per child, serving whatever body the current case sets. */
async function feedServer(body: Buffer): Promise<string> {
  if (server === undefined) {
    const state = { body, server: createServer(), url: '' };
    state.server.on('request', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(state.body);
    });
    await new Promise<void>((resolve) => state.server.listen(0, '127.0.0.1', resolve));
    state.url = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}/feed.xml`;
    server = state;
  }
  server.body = body;
  return server.url;
}

async function feedPoll(input: Input): Promise<Verdict> {
  const url = await feedServer(asBytes(input));
  const result = await pollFeed(
    { url, topics: [], fullText: false },
    {
      stateStore: createMemoryFeedStateStore(),
      fetcher: createFetcher({
        userAgent: 'Herald-hostile',
        timeoutMs: 20_000,
        maxBytes: POLL_MAX_BYTES,
        perHostConcurrency: 1,
        allowPrivateHosts: true,
      }),
      clock: createManualClock(new Date('2025-07-03T00:00:00Z')),
    },
  );
  const reasons = [
    ...(result.error === undefined ? [] : [result.error]),
    ...result.rejected.map((r) => r.reason),
  ];
  return {
    ...(reasons.length > 0 ? { rejected: reasons.join('; ') } : {}),
    problems: storyProblems(result.stories),
  };
}

export const FEED_TARGETS = { 'feed-parse': feedParse, 'feed-poll': feedPoll };
