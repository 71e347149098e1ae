import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/domain/clock.ts';
import { pollFeed } from '../../src/ingest/feeds/poll.ts';
import { createMemoryFeedStateStore } from '../../src/store/feed-state-store.ts';
import { openStore } from '../../src/store/open-store.ts';
import {
  serveFixture,
  localFetcher,
  startServer,
  type TestServer,
} from '../fixtures/feeds/server.ts';
import { feedPipeline } from '../support/feed-pipeline.ts';
import { feedsCli } from '../support/feeds-cli.ts';

let server: TestServer;
const PARAGRAPH =
  'The city council voted seven to two for the new river bridge on Tuesday evening, after a long debate about its cost, its design and the traffic it will bring to the old town.';

beforeAll(async () => {
  server = await startServer({
    '/rss2.xml': serveFixture('rss2.xml'),
    '/gone.xml': (_req, res) => void res.writeHead(410).end(),
    '/teaser.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(
        `<rss version="2.0"><channel><title>T</title><link>${server.url('/')}</link><item><title>Bridge</title><link>/article</link><description>Teaser only.</description></item></channel></rss>`,
      );
    },
    '/article': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<html><head><title>Bridge</title></head><body><nav>Home | News</nav><article><h1>Bridge</h1><p>${PARAGRAPH}</p><p>Work starts in June and should end in the spring of 2026, the council said in a statement.</p></article><footer>Copyright</footer></body></html>`,
      );
    },
  });
});

afterAll(() => server.close());

describe('herald feeds check', () => {
  it('prints the items as JSON and exits 0', async () => {
    const { code, out } = await feedsCli(['check', server.url('/rss2.xml'), '--json'], {
      FEEDS_ALLOW_PRIVATE_HOSTS: 'true',
    });
    expect(code).toBe(0);
    const json = JSON.parse(out) as {
      items: { title: string; url: string | null; publishedAt: string | null }[];
      errors: string[];
    };
    expect(json.items).toHaveLength(5);
    expect(json.items[3]).toEqual({
      title: 'Tom & Jerry return',
      url: 'https://news.example.org/2024/05/cartoon',
      publishedAt: null,
    });
    expect(json.errors.join('\n')).toMatch(/duplicate guid bridge-1/);
  });

  it('exits 1 when the feed cannot be fetched (loopback refused by default)', async () => {
    const { code } = await feedsCli(['check', server.url('/rss2.xml'), '--json']);
    expect(code).toBe(1);
  });

  it('adds, lists and removes a feed', async () => {
    const env = { FEEDS_FILE: join(mkdtempSync(join(tmpdir(), 'herald-f-')), 'feeds.yaml') };
    expect(
      (
        await feedsCli(
          ['add', 'https://a.test/rss', '--topics', 'world,uk', '--name', 'A', '--force'],
          env,
        )
      ).code,
    ).toBe(0);
    const list = await feedsCli([], env);
    expect(list.out).toContain('https://a.test/rss  A  [world, uk]');
    expect(list.out).toContain('new: not fetched yet');
    expect((await feedsCli(['remove', 'https://a.test/rss'], env)).code).toBe(0);
    expect((await feedsCli(['remove', 'https://a.test/rss'], env)).code).toBe(2);
  });
});

const fetcher = localFetcher();

describe('a stopped feed in herald feeds', () => {
  it('is listed with the reason it was stopped, and `feeds resume` polls it again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-stop-'));
    const env = { HERALD_DATA_DIR: dir };
    const url = server.url('/gone.xml');
    expect((await feedsCli(['add', url, '--force'], env)).code).toBe(0);
    const store = await openStore({ kind: 'sqlite', path: join(dir, 'herald.db') });
    const clock = createManualClock(new Date('2024-05-15T00:00:00Z'));
    await pollFeed(
      { url, topics: [], fullText: false },
      { stateStore: store.feedState, fetcher, clock },
    );
    await store.close();

    const list = await feedsCli([], env);
    expect(list.out).toContain(
      `STOPPED since 2024-05-15T00:00:00.000Z: HTTP 410 from ${url}: the publisher says the feed is gone; polling stopped; resume it with: herald feeds resume ${url}`,
    );
    expect((await feedsCli(['resume', url], env)).out).toBe(
      `${url} was stopped; polled again from the next tick`,
    );
    const after = await feedsCli([], env);
    expect(after.out).not.toContain('STOPPED');
    expect(after.out).toContain('next attempt: next tick');
    expect((await feedsCli(['resume', 'https://never.test/f'], env)).code).toBe(2);
  });
});

describe('full text', () => {
  it('replaces a teaser with the main text of the article page', async () => {
    const result = await pollFeed(
      { url: server.url('/teaser.xml'), topics: [], fullText: true },
      { stateStore: createMemoryFeedStateStore(), fetcher, clock: createManualClock(0) },
    );
    expect(result.stories[0]?.body).toContain(PARAGRAPH);
    expect(result.stories[0]?.body).not.toContain('Teaser only');
    expect(result.stories[0]?.body).not.toContain('Copyright');
  });

  it('never fetches the page of a story already stored, and keeps its stored text', async () => {
    const clock = createManualClock(new Date('2024-05-15T00:00:00Z'));
    const { stories, pipeline } = feedPipeline(clock);
    const deps = { stateStore: createMemoryFeedStateStore(), fetcher, clock, stories };
    const feed = { url: server.url('/teaser.xml'), topics: [], fullText: true };
    const before = server.hits.get('/article') ?? 0;
    const first = await pollFeed(feed, deps);
    expect((await pipeline.ingest(first.stories)).added).toHaveLength(1);
    const second = await pollFeed(feed, deps);
    expect(server.hits.get('/article')).toBe(before + 1);
    expect(second.stories[0]?.body).toContain(PARAGRAPH);
    expect(await pipeline.ingest(second.stories)).toMatchObject({ unchanged: 1, updated: [] });
  });
});
