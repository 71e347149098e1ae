import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { discoverFeed, feedLinks } from '../../src/ingest/feeds/discover.ts';
import {
  serveFixture,
  localFetcher,
  startServer,
  type TestServer,
} from '../fixtures/feeds/server.ts';
import { feedsCli } from '../support/feeds-cli.ts';

let server: TestServer;
const html = (head: string) => (_req: unknown, res: import('node:http').ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!doctype html><html><head><title>Site</title>${head}</head><body><p>Hello</p></body></html>`,
  );
};

beforeAll(async () => {
  server = await startServer({
    // Two announced feeds: the first is broken (404), the second is the Atom feed.
    '/site': html(
      '<link rel="alternate" type="application/rss+xml" title="Comments" href="/comments.xml">' +
        '<link rel="stylesheet" href="/s.css">' +
        '<link rel="alternate" type="application/atom+xml" title="News" href="news/atom.xml">',
    ),
    '/news/atom.xml': serveFixture('atom.xml', 'application/atom+xml'),
    '/plain': html(''),
    '/blog/': html(''),
    '/feed.json': serveFixture('feed.json', 'application/feed+json'),
    '/rss2.xml': serveFixture('rss2.xml'),
  });
});

afterAll(() => server.close());

const LOOPBACK = { FEEDS_ALLOW_PRIVATE_HOSTS: 'true' };
const feedsFile = () => join(mkdtempSync(join(tmpdir(), 'herald-disc-')), 'feeds.yaml');

describe('feed autodiscovery', () => {
  it('reads the alternate links of a page, resolved against it, feeds only', () => {
    const links = feedLinks(
      '<html><head><link rel="alternate" type="application/rss+xml" href="/a.xml" title="A">' +
        '<link rel="alternate" hreflang="fr" href="/fr/">' +
        '<link rel="Alternate" type="application/feed+json" href="https://x.test/f.json"></head></html>',
      'https://site.test/news/page.html',
    );
    expect(links).toEqual([
      { url: 'https://site.test/a.xml', type: 'application/rss+xml', title: 'A' },
      { url: 'https://x.test/f.json', type: 'application/feed+json' },
    ]);
  });

  it('takes the first announced feed that is one, and says it came from a link', async () => {
    const found = await discoverFeed(server.url('/site'), localFetcher());
    expect(found.ok && found.feedUrl).toBe(server.url('/news/atom.xml'));
    expect(found.ok && found.via).toBe('link');
    expect(found.links).toHaveLength(2);
  });

  it('tries the usual paths when the page announces none', async () => {
    const found = await discoverFeed(server.url('/plain'), localFetcher());
    expect(found.ok && found.feedUrl).toBe(server.url('/feed.json'));
    expect(found.ok && found.via).toBe('path');
  });

  it('`feeds add <site>` picks the feed, says which, and saves the feed URL', async () => {
    const file = feedsFile();
    const { code, out } = await feedsCli(['add', server.url('/site')], {
      ...LOOPBACK,
      FEEDS_FILE: file,
    });
    expect(code).toBe(0);
    expect(out).toContain(`announces 2 feed(s)`);
    expect(out).toContain(`picked ${server.url('/news/atom.xml')}`);
    expect(readFileSync(file, 'utf8')).toContain(`url: ${server.url('/news/atom.xml')}`);
    expect(readFileSync(file, 'utf8')).not.toContain(`url: ${server.url('/site')}`);
  });

  it('`feeds check <site>` shows the found feed and its items', async () => {
    const { code, out } = await feedsCli(['check', server.url('/site'), '--json'], LOOPBACK);
    expect(code).toBe(0);
    const json = JSON.parse(out) as { feedUrl: string; via: string; items: unknown[] };
    expect(json.feedUrl).toBe(server.url('/news/atom.xml'));
    expect(json.items.length).toBeGreaterThan(0);
  });
});

describe('herald feeds add checks before saving', () => {
  it('refuses a page with no feed, with the reason, and saves nothing', async () => {
    const file = feedsFile();
    const bare = await startServer({ '/blog/': html('') });
    const stderr: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr.push(chunk.toString());
      return true;
    });
    try {
      const { code } = await feedsCli(['add', bare.url('/blog/')], {
        ...LOOPBACK,
        FEEDS_FILE: file,
      });
      expect(code).toBe(2);
    } finally {
      spy.mockRestore();
      await bare.close();
    }
    expect(stderr.join('')).toMatch(/not a feed: the URL returns an HTML page.*--force/);
    expect((await feedsCli(['list', '--json'], { FEEDS_FILE: file })).out).toBe('[]');
  });

  it('--force saves a URL that is no feed', async () => {
    const file = feedsFile();
    const env = { ...LOOPBACK, FEEDS_FILE: file };
    expect((await feedsCli(['add', server.url('/blog/'), '--force'], env)).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(server.url('/blog/'));
  });
});

describe('herald feeds poll', () => {
  it('polls a feed now and stores its stories; refuses a feed not listed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-poll-'));
    const env = { ...LOOPBACK, HERALD_DATA_DIR: dir, FEEDS_FILE: join(dir, 'feeds.yaml') };
    expect((await feedsCli(['add', server.url('/rss2.xml')], env)).code).toBe(0);
    const polled = await feedsCli(['poll'], env);
    expect(polled.code).toBe(0);
    expect(polled.out).toMatch(/polled 1 feed\(s\): [1-9]\d* added/);
    const again = await feedsCli(['poll', server.url('/rss2.xml')], env);
    expect(again.out).toMatch(/polled 1 feed\(s\): 0 added/);
    expect((await feedsCli(['poll', 'https://never.test/f'], env)).code).toBe(2);
  });

  it('skips a paused feed unless named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-pause-'));
    const env = { ...LOOPBACK, HERALD_DATA_DIR: dir, FEEDS_FILE: join(dir, 'feeds.yaml') };
    await feedsCli(['add', server.url('/rss2.xml')], env);
    expect((await feedsCli(['pause', server.url('/rss2.xml')], env)).code).toBe(0);
    expect((await feedsCli([], env)).out).toContain('paused by the operator');
    expect((await feedsCli(['poll'], env)).out).toContain('polled 0 feed(s)');
    expect((await feedsCli(['resume', server.url('/rss2.xml')], env)).out).toContain('was stopped');
    expect((await feedsCli(['poll'], env)).out).toContain('polled 1 feed(s)');
  });
});
