import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/domain/clock.ts';
import { loadConfig } from '../../src/app/config.ts';
import { createFetcher, type FetcherOptions } from '../../src/ingest/feeds/fetch.ts';
import { createFeedsJob } from '../../src/ingest/feeds/job.ts';
import { pollDueFeeds, pollFeed, type PollDeps } from '../../src/ingest/feeds/poll.ts';
import { addFeedSource, type FeedSource } from '../../src/ingest/feeds/sources.ts';
import { createMemoryFeedStateStore } from '../../src/store/feed-state-store.ts';
import { fixture, serveFixture, startServer, type TestServer } from '../fixtures/feeds/server.ts';

const OPTIONS: FetcherOptions = {
  userAgent: 'Herald-test',
  timeoutMs: 300,
  maxBytes: 100_000,
  perHostConcurrency: 2,
  allowPrivateHosts: true,
};

let server: TestServer;
let bigSent = 0;

beforeAll(async () => {
  server = await startServer({
    '/rss2.xml': serveFixture('rss2.xml'),
    '/rss1.rdf': serveFixture('rss1.rdf'),
    '/atom.xml': serveFixture('atom.xml', 'application/atom+xml'),
    '/feed.json': serveFixture('feed.json', 'application/feed+json'),
    '/cp1251.xml': serveFixture('cp1251.xml', 'text/xml'),
    '/truncated.xml': serveFixture('truncated.xml'),
    '/laughs.xml': serveFixture('billion-laughs.xml'),
    '/gzip.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml', 'content-encoding': 'gzip' });
      res.end(gzipSync(fixture('atom.xml')));
    },
    '/etag.xml': (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      res.writeHead(200, { etag: '"v1"', 'content-type': 'application/xml' });
      res.end(fixture('rss1.rdf'));
    },
    '/500.xml': (_req, res) => void res.writeHead(500).end('oops'),
    '/429.xml': (_req, res) => void res.writeHead(429, { 'retry-after': '7200' }).end(),
    '/gone.xml': (_req, res) => void res.writeHead(410).end('gone'),
    '/slow.xml': (_req, res) => {
      setTimeout(() => res.writeHead(200).end(fixture('rss1.rdf')), 2_000).unref();
    },
    '/big.xml': async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      while (!res.destroyed && bigSent < 50_000_000) {
        bigSent += chunk.length;
        if (!res.write(chunk)) await new Promise((r) => setTimeout(r, 5));
      }
      res.end();
    },
    '/loop-a': (_req, res) => void res.writeHead(302, { location: '/loop-b' }).end(),
    '/loop-b': (_req, res) => void res.writeHead(302, { location: '/loop-a' }).end(),
    '/to-metadata': (_req, res) =>
      void res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
  });
});

afterAll(() => server.close());

const source = (path: string, extra: Partial<FeedSource> = {}): FeedSource => ({
  url: server.url(path),
  topics: [],
  fullText: false,
  ...extra,
});

function deps(
  overrides: Partial<FetcherOptions> = {},
): PollDeps & { clock: ReturnType<typeof createManualClock> } {
  return {
    stateStore: createMemoryFeedStateStore(),
    fetcher: createFetcher({ ...OPTIONS, ...overrides }),
    clock: createManualClock(new Date('2024-05-15T00:00:00Z')),
  };
}

describe('polling feeds over HTTP', () => {
  it.each(['/rss2.xml', '/rss1.rdf', '/atom.xml', '/feed.json', '/gzip.xml'])(
    'reads %s',
    async (path) => {
      const result = await pollFeed(source(path), deps());
      expect(result.error).toBeUndefined();
      expect(result.stories.length).toBeGreaterThan(1);
      expect(result.firstFetch).toBe(true);
    },
  );

  it('sends the ETag back and takes a 304 as "nothing new"', async () => {
    const d = deps();
    const first = await pollFeed(source('/etag.xml'), d);
    const second = await pollFeed(source('/etag.xml'), d);
    expect(first.stories).toHaveLength(2);
    expect(second).toMatchObject({ notModified: true, stories: [], firstFetch: false });
    expect((await d.stateStore.getFeedState(server.url('/etag.xml')))?.etag).toBe('"v1"');
  });

  it('reports progress as each feed of a round ends, failed ones included', async () => {
    const seen: [number, number][] = [];
    const d = { ...deps(), onProgress: (done: number, total: number) => seen.push([done, total]) };
    await pollDueFeeds([source('/500.xml'), source('/atom.xml'), source('/feed.json')], d);
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('hands each feed to onResult as its poll ends, and holds no more than the pollers at once', async () => {
    const paths = ['/rss2.xml', '/rss1.rdf', '/atom.xml', '/feed.json', '/gzip.xml', '/500.xml'];
    let holding = 0;
    let most = 0;
    const taken: string[] = [];
    const onResult = async (result: { feedUrl: string; stories: unknown[] }) => {
      holding += 1;
      most = Math.max(most, holding);
      await new Promise((resolve) => setTimeout(resolve, 20));
      taken.push(
        `${result.feedUrl.slice(result.feedUrl.lastIndexOf('/'))}:${result.stories.length}`,
      );
      holding -= 1;
    };
    const results = await pollDueFeeds(
      paths.map((p) => source(p)),
      {
        ...deps(),
        concurrency: 2,
        onResult,
      },
    );
    expect(taken.map((t) => t.split(':')[0]).sort()).toEqual([...paths].sort());
    expect(
      taken.filter((t) => !t.startsWith('/500')).every((t) => Number(t.split(':')[1]) > 1),
    ).toBe(true);
    expect(most).toBeLessThanOrEqual(2);
    // What the poll returns keeps the outcomes, not the stories already handed over.
    expect(results).toHaveLength(paths.length);
    expect(results.every((r) => r.stories.length === 0)).toBe(true);
    expect(results.find((r) => r.feedUrl.endsWith('/500.xml'))?.error).toMatch(/^HTTP 500/);
  });

  it("keeps a feed's old validators when its items could not be stored, so they come again", async () => {
    const d = deps();
    const failing = () => Promise.reject(new Error('disk full'));
    await expect(pollFeed(source('/etag.xml'), { ...d, onResult: failing })).rejects.toThrow(
      'disk full',
    );
    expect(await d.stateStore.getFeedState(server.url('/etag.xml'))).toBeUndefined();
    const again = await pollFeed(source('/etag.xml'), d);
    expect(again).toMatchObject({ notModified: false, firstFetch: true });
    expect(again.stories).toHaveLength(2);
    expect((await d.stateStore.getFeedState(server.url('/etag.xml')))?.etag).toBe('"v1"');
  });

  it('backs off a feed that answers 500 while the others are fetched', async () => {
    const d = deps();
    const feeds = [source('/500.xml'), source('/atom.xml')];
    const results = await pollDueFeeds(feeds, d);
    expect(results.find((r) => r.feedUrl.endsWith('/500.xml'))?.error).toMatch(/^HTTP 500/);
    expect(results.find((r) => r.feedUrl.endsWith('/atom.xml'))?.stories).toHaveLength(2);
    d.clock.advance(60_000);
    const again = await pollDueFeeds(feeds, d);
    expect(again.map((r) => r.feedUrl)).toEqual([server.url('/atom.xml')]);
    const state = await d.stateStore.getFeedState(server.url('/500.xml'));
    expect(state).toMatchObject({
      consecutiveFailures: 1,
      lastError: expect.stringMatching(/HTTP 500/) as unknown,
    });
  });

  it('gives up on a slow feed at the timeout', async () => {
    const result = await pollFeed(source('/slow.xml'), deps());
    expect(result.error).toBe('timed out after 300 ms');
  });

  it('refuses an oversized body while streaming, without reading it whole', async () => {
    const result = await pollFeed(source('/big.xml'), deps({ timeoutMs: 10_000 }));
    expect(result.error).toMatch(/exceeds the limit of 100000 bytes/);
    expect(bigSent).toBeLessThan(50_000_000);
  });

  it('stops a redirect loop', async () => {
    expect((await pollFeed(source('/loop-a'), deps())).error).toMatch(
      /^redirect loop at .*\/loop-a$/,
    );
  });

  it('checks every redirect target with the SSRF guard', async () => {
    const result = await pollFeed(source('/to-metadata'), deps());
    expect(result.error).toMatch(/refused 169\.254\.169\.254 .*cloud metadata/);
  });

  it('keeps the complete items of a truncated feed, reports it and refetches it whole', async () => {
    const d = deps();
    const result = await pollFeed(source('/truncated.xml'), d);
    expect(result.stories).toHaveLength(3);
    expect(result.error).toMatch(/truncated/);
    expect((await d.stateStore.getFeedState(server.url('/truncated.xml')))?.etag).toBeUndefined();
  });

  it('never expands a billion-laughs document', async () => {
    const result = await pollFeed(source('/laughs.xml'), deps());
    expect(result.stories[0]?.title).toBe('Laugh &lol9; end');
  });

  it('reads windows-1251 without a declaration', async () => {
    const result = await pollFeed(source('/cp1251.xml'), deps());
    expect(result.stories[0]?.title).toBe('Городской совет одобрил новый мост');
  });

  it('marks only the first successful fetch as first', async () => {
    const d = deps();
    expect((await pollFeed(source('/atom.xml'), d)).firstFetch).toBe(true);
    expect((await pollFeed(source('/atom.xml'), d)).firstFetch).toBe(false);
  });
});

describe("publishers' signals over HTTP", () => {
  const HOUR = 3_600_000;

  it('obeys a 429 Retry-After: the feed is not fetched again before it', async () => {
    const d = deps();
    const feeds = [source('/429.xml')];
    expect((await pollDueFeeds(feeds, d))[0]?.error).toMatch(/^HTTP 429 .*Retry-After/);
    d.clock.advance(2 * HOUR - 1);
    expect(await pollDueFeeds(feeds, d)).toEqual([]);
    d.clock.advance(1);
    expect(await pollDueFeeds(feeds, d)).toHaveLength(1);
    expect(server.hits.get('/429.xml')).toBe(2);
  });

  it('stops polling a feed that answers 410 Gone, and says how to resume it', async () => {
    const d = deps();
    const feeds = [source('/gone.xml')];
    const [first] = await pollDueFeeds(feeds, d);
    expect(first?.error).toBe(
      `HTTP 410 from ${server.url('/gone.xml')}: the publisher says the feed is gone; ` +
        `polling stopped; resume it with: herald feeds resume ${server.url('/gone.xml')}`,
    );
    d.clock.advance(400 * 24 * HOUR);
    expect(await pollDueFeeds(feeds, d)).toEqual([]);
    expect(server.hits.get('/gone.xml')).toBe(1);
  });

  it('stops polling a feed whose 404 has lasted the configured time', async () => {
    const d = { ...deps(), stopAfterNotFoundMs: 24 * HOUR };
    const feeds = [source('/missing.xml')];
    expect((await pollDueFeeds(feeds, d))[0]?.error).toMatch(/^HTTP 404/);
    d.clock.advance(24 * HOUR);
    expect((await pollDueFeeds(feeds, d))[0]?.error).toMatch(/for 24 h .*polling stopped/);
    d.clock.advance(30 * 24 * HOUR);
    expect(await pollDueFeeds(feeds, d)).toEqual([]);
    const state = await d.stateStore.getFeedState(server.url('/missing.xml'));
    expect(state?.stoppedReason).toMatch(/^HTTP 404 .* for 24 h/);
  });

  it('the feeds job takes the 404 limit from FEEDS_STOP_AFTER_404_HOURS', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'herald-job-')), 'feeds.yaml');
    await addFeedSource(file, source('/missing-too.xml'));
    const env = {
      FEEDS_FILE: file,
      FEEDS_ALLOW_PRIVATE_HOSTS: 'true',
      FEEDS_STOP_AFTER_404_HOURS: '0',
    };
    const d = deps();
    const job = createFeedsJob({
      ...d,
      config: loadConfig(env).feeds,
      stories: { getStory: () => Promise.resolve(undefined) },
    });
    expect((await job())[0]?.error).toMatch(/polling stopped/);
  });
});

describe('the SSRF guard on the feed URL', () => {
  const refused = async (url: string) =>
    (await pollFeed({ url, topics: [], fullText: false }, deps({ allowPrivateHosts: false })))
      .error;

  it('refuses loopback when private hosts are not allowed (by name and by address)', async () => {
    expect(await refused(server.url('/rss2.xml'))).toMatch(/refused 127\.0\.0\.1 .*loopback/);
    const byName = server.url('/rss2.xml').replace('127.0.0.1', 'localhost');
    expect(await refused(byName)).toMatch(/refused localhost .*loopback/);
  });

  it('refuses IPv4-mapped IPv6, link-local and the metadata address', async () => {
    const port = new URL(server.url('/')).port;
    expect(await refused(`http://[::ffff:127.0.0.1]:${port}/rss2.xml`)).toMatch(/loopback/);
    expect(await refused('http://169.254.1.1/feed')).toMatch(/linkLocal/);
    expect(await refused('http://169.254.169.254/latest/meta-data/')).toMatch(/cloud metadata/);
  });
});
