import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/domain/clock.ts';
import { runCli } from '../../src/cli/main.ts';
import { createFetcher } from '../../src/ingest/feeds/fetch.ts';
import { pollFeed } from '../../src/ingest/feeds/poll.ts';
import { silentLog } from '../../src/domain/log.ts';
import { createIngestPipeline } from '../../src/ingest/pipeline.ts';
import { createMemoryFeedStateStore } from '../../src/store/feed-state-store.ts';
import { openStore } from '../../src/store/open-store.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import { createTextEngine } from '../../src/text/engine.ts';
import { serveFixture, startServer, type TestServer } from '../fixtures/feeds/server.ts';

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

async function cli(args: string[], env: Record<string, string> = {}) {
  const lines: string[] = [];
  const dir = env.HERALD_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'herald-cli-'));
  const code = await runCli(['feeds', ...args], {
    env: {
      HERALD_DATA_DIR: dir,
      FEEDS_FILE: join(dir, 'feeds.yaml'),
      FEEDS_TIMEOUT_MS: '2000',
      ...env,
    },
    out: (text) => lines.push(text),
  });
  return { code, out: lines.join('\n') };
}

describe('herald feeds check', () => {
  it('prints the items as JSON and exits 0', async () => {
    const { code, out } = await cli(['check', server.url('/rss2.xml'), '--json'], {
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
    const { code } = await cli(['check', server.url('/rss2.xml'), '--json']);
    expect(code).toBe(1);
  });

  it('adds, lists and removes a feed', async () => {
    const env = { FEEDS_FILE: join(mkdtempSync(join(tmpdir(), 'herald-f-')), 'feeds.yaml') };
    expect(
      (await cli(['add', 'https://a.test/rss', '--topics', 'world,uk', '--name', 'A'], env)).code,
    ).toBe(0);
    const list = await cli([], env);
    expect(list.out).toContain('https://a.test/rss  A  [world, uk]');
    expect(list.out).toContain('new: not fetched yet');
    expect((await cli(['remove', 'https://a.test/rss'], env)).code).toBe(0);
    expect((await cli(['remove', 'https://a.test/rss'], env)).code).toBe(2);
  });
});

const fetcher = createFetcher({
  userAgent: 'Herald-test',
  timeoutMs: 2000,
  maxBytes: 100_000,
  perHostConcurrency: 2,
  allowPrivateHosts: true,
});

describe('a stopped feed in herald feeds', () => {
  it('is listed with the reason it was stopped, and `feeds resume` polls it again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-stop-'));
    const env = { HERALD_DATA_DIR: dir };
    const url = server.url('/gone.xml');
    expect((await cli(['add', url], env)).code).toBe(0);
    const store = await openStore({ kind: 'sqlite', path: join(dir, 'herald.db') });
    const clock = createManualClock(new Date('2024-05-15T00:00:00Z'));
    await pollFeed(
      { url, topics: [], fullText: false },
      { stateStore: store.feedState, fetcher, clock },
    );
    await store.close();

    const list = await cli([], env);
    expect(list.out).toContain(
      `STOPPED since 2024-05-15T00:00:00.000Z: HTTP 410 from ${url}: the publisher says the feed is gone; polling stopped; resume it with: herald feeds resume ${url}`,
    );
    expect((await cli(['resume', url], env)).out).toBe(
      `${url} was stopped; polled again from the next tick`,
    );
    const after = await cli([], env);
    expect(after.out).not.toContain('STOPPED');
    expect(after.out).toContain('next attempt: next tick');
    expect((await cli(['resume', 'https://never.test/f'], env)).code).toBe(2);
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
    const stories = createSqliteStoryStore(openSqliteDatabase(':memory:'));
    const pipeline = createIngestPipeline({
      stories,
      engine: createTextEngine(),
      clock,
      log: silentLog,
      settings: { sourceName: 'Herald', language: 'en', maxFutureSkewMs: 3_600_000 },
    });
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
