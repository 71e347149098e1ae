import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/domain/clock.ts';
import { createFetcher } from '../../src/ingest/feeds/fetch.ts';
import { pollFeed } from '../../src/ingest/feeds/poll.ts';
import { createMemoryFeedStateStore } from '../../src/store/feed-state-store.ts';
import { startServer, type TestServer } from '../fixtures/feeds/server.ts';
import { feedInputs } from './hostile-feed-corpus.ts';
import { cross, failures, runBounded, summaryLine } from './hostile-harness.ts';

/**
 * Malformed feeds (truncated, wrong encodings, entity bombs and XXE, a 10 MB one-line title,
 * 100,000 nested elements, invalid dates, floods of "<!" and "<!DOCTYPE [") through the parser
 * (decode, repair, feedsmith, the item cleaners) and through the poll over HTTP with the
 * default 5 MB limit. Each under a time budget; no crash; every refusal says why.
 */
const BUDGET_MS = 30_000;

describe('malformed feeds through the parser and the poll', () => {
  it('parses or refuses every feed, in bounded time, with a reason', async () => {
    const report = await runBounded(cross(['feed-parse', 'feed-poll'], feedInputs()), BUDGET_MS);
    console.log(summaryLine('malformed feeds (parser + poll)', report));
    expect(failures(report)).toEqual([]);
    const reasons = report.rejected.map((r) => `${r.case.target} ${r.case.input}: ${r.reason}`);
    expect(reasons).toContainEqual(
      expect.stringMatching(/feed-poll feed:title_10mb: .*FEEDS_MAX_BYTES/),
    );
    expect(reasons).toContainEqual(
      expect.stringMatching(/doctype_flood: .*DOCTYPE is never closed/),
    );
  }, 600_000);
});

describe('compressed bodies through the poll', () => {
  let server: TestServer;
  beforeAll(async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 'a'));
    server = await startServer({
      '/bomb.xml': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/xml', 'content-encoding': 'gzip' });
        res.end(bomb);
      },
      '/bad-gzip.xml': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/xml', 'content-encoding': 'gzip' });
        res.end(Buffer.from('this is not gzip'));
      },
    });
  });
  afterAll(() => server.close());

  it('stops a gzip bomb at the limit and refuses a broken stream, with reasons', async () => {
    const deps = {
      stateStore: createMemoryFeedStateStore(),
      fetcher: createFetcher({
        userAgent: 'Herald-hostile',
        timeoutMs: 10_000,
        maxBytes: 5_000_000,
        perHostConcurrency: 1,
        allowPrivateHosts: true,
      }),
      clock: createManualClock(new Date('2025-07-03T00:00:00Z')),
    };
    const errors: string[] = [];
    for (const path of ['/bomb.xml', '/bad-gzip.xml']) {
      const result = await pollFeed({ url: server.url(path), topics: [], fullText: false }, deps);
      errors.push(result.error ?? '');
    }
    console.log(
      `[reliability] compressed feeds: inputs tried 2, rejected ${errors.filter((e) => e !== '').length} (${errors.join('; ')}), crashes 0, hangs 0`,
    );
    expect(errors[0]).toMatch(/exceeds the limit of 5000000 bytes/);
    expect(errors[1]).toMatch(/\w{4,}/);
  });
});
