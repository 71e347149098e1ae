import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/domain/clock.ts';
import type { Story } from '../../src/domain/story.ts';
import { parseContentFile } from '../../src/ingest/content-file.ts';
import { createFetcher } from '../../src/ingest/feeds/fetch.ts';
import { pollFeed } from '../../src/ingest/feeds/poll.ts';
import { createMemoryFeedStateStore } from '../../src/store/feed-state-store.ts';
import { startServer, type TestServer } from '../fixtures/feeds/server.ts';
import { feedPipeline } from '../support/feed-pipeline.ts';

const SEED = 'content/000_286eab670ba08ef6.txt';

/** The seed story as another site's RSS item: its paragraphs as HTML, another URL. */
function feedRepeatingSeed(paragraphs: string[], title: string): string {
  const html = paragraphs.map((p) => `<p>${p}</p>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Mirror</title><link>https://mirror.example/</link>
<item><title>${title}</title><link>https://mirror.example/world/russia-taliban?utm_source=rss</link>
<pubDate>Fri, 04 Jul 2025 09:00:00 GMT</pubDate><description><![CDATA[${html}]]></description></item>
<item><title>Harbour reopens after the storm</title><link>https://mirror.example/harbour</link>
<pubDate>Fri, 04 Jul 2025 08:00:00 GMT</pubDate><description><![CDATA[<p>The harbour reopened on Friday after a two-day closure. Ferries resumed their timetable and fishing boats left at dawn, the port authority said in a statement.</p>]]></description></item>
</channel></rss>`;
}

describe('a feed item that repeats a content/ story under another URL', () => {
  let server: TestServer;
  const parsedSeed = parseContentFile('000_286eab670ba08ef6.txt', readFileSync(SEED));
  if (!parsedSeed.ok) throw new Error(parsedSeed.reason);
  const seed = parsedSeed.story;

  beforeAll(async () => {
    const xml = feedRepeatingSeed(seed.body.split('\n\n'), seed.title);
    server = await startServer({
      '/feed.xml': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(xml);
      },
    });
  });
  afterAll(() => server.close());

  it('is stored as its duplicate and not announced', async () => {
    const clock = createManualClock(new Date('2025-07-04T12:00:00Z'));
    const announced: Story[] = [];
    const { stories, pipeline } = feedPipeline(clock, (batch) => {
      announced.push(...batch);
      return Promise.resolve();
    });
    await pipeline.ingest([seed]);

    const fetcher = createFetcher({
      userAgent: 'Herald-test',
      timeoutMs: 2_000,
      maxBytes: 1_000_000,
      perHostConcurrency: 1,
      allowPrivateHosts: true,
    });
    const polled = await pollFeed(
      { url: server.url('/feed.xml'), topics: ['world'], fullText: false },
      { stateStore: createMemoryFeedStateStore(), fetcher, clock },
    );
    expect(polled.error).toBeUndefined();
    expect(polled.stories).toHaveLength(2);
    const report = await pipeline.ingest(polled.stories, { announceLimit: 3 });

    expect(report.duplicates).toHaveLength(1);
    expect(report.duplicates[0]?.of).toBe(seed.id);
    expect(report.duplicates[0]?.story.url).toBe('https://mirror.example/world/russia-taliban');
    expect(report.added.map((s) => s.title)).toEqual(['Harbour reopens after the storm']);
    expect(announced.map((s) => s.title)).toEqual([seed.title, 'Harbour reopens after the storm']);
    expect(await stories.countStories()).toBe(3);
  });
});
