import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFeed } from '../../src/ingest/feeds/check.ts';
import {
  localFetcher,
  startServer,
  type Handler,
  type TestServer,
} from '../fixtures/feeds/server.ts';
import { strippedExamples } from '../fixtures/feeds/spec/strips.ts';
import { feedsCli } from '../support/feeds-cli.ts';

const variants = strippedExamples();
let server: TestServer;

const serve =
  (body: string, type: string): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': type });
    res.end(body);
  };

beforeAll(async () => {
  const routes: Record<string, Handler> = {
    '/page.html': serve('<!doctype html><html><body>News</body></html>', 'text/html'),
    '/api.json': serve('{"data": [1, 2]}', 'application/json'),
    '/list.opml': serve('<opml version="2.0"><body/></opml>', 'text/xml'),
  };
  variants.forEach(([file, , , text], i) => {
    routes[`/v/${i}`] = serve(text, file.endsWith('.json') ? 'application/feed+json' : 'text/xml');
  });
  server = await startServer(routes);
});

afterAll(() => server.close());

const check = (path: string) =>
  feedsCli(['check', server.url(path), '--json'], { FEEDS_ALLOW_PRIVATE_HOSTS: 'true' });

describe('herald feeds check on the spec examples stripped of a required element', () => {
  it.each(variants.map(([file, what, , , items], i) => [file, what, i, items] as const))(
    '%s, stripped of: %s: exits 0 and lists its items',
    async (_, __, i, items) => {
      const { code, out } = await check(`/v/${i}`);
      expect(code).toBe(0);
      const json = JSON.parse(out) as { items: { title: string }[]; errors: string[] };
      expect(json.items).toHaveLength(items);
      // The one warning a stripped example may carry: RSS 0.91's DOCTYPE is removed.
      expect(json.errors.filter((e) => !e.startsWith('removed the DOCTYPE'))).toEqual([]);
    },
  );
});

describe('herald feeds check on what is not a feed', () => {
  const fetcher = localFetcher();

  it.each([
    ['/page.html', /^not a feed: .*an HTML page/],
    ['/api.json', /^not a feed: JSON that is not a JSON Feed/],
    ['/list.opml', /^not a feed: an XML document whose root is <opml>$/],
  ])('refuses %s, saying what it is (exit 1)', async (path, reason) => {
    const outcome = await checkFeed(server.url(path), fetcher);
    expect(outcome.ok ? undefined : outcome.reason).toMatch(reason);
    expect((await check(path)).code).toBe(1);
  });
});
