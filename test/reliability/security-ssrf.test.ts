import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, type FetchOutcome } from '../../src/ingest/feeds/fetch.ts';
import { startServer, type TestServer } from '../fixtures/feeds/server.ts';

/**
 * The SSRF guard through the real fetcher: every way of writing a private, loopback,
 * link-local or metadata address (decimal, octal, hex, short IPv4, IPv4-mapped and
 * IPv4-compatible IPv6), public-looking names that resolve to one (an injected resolver, as
 * DNS rebinding would), non-web schemes, and the same through redirects. The target is a
 * loopback server that counts its hits: a refused request never reaches it.
 */
let server: TestServer;
let port = 0;

const A = (address: string): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 });
const NAMES: Record<string, LookupAddress[]> = {
  'public.test': [A('127.0.0.1')],
  'rebind.test': [A('93.184.216.34'), A('10.0.0.5')],
  'mapped.test': [A('::ffff:127.0.0.1')],
  'metadata.test': [A('169.254.169.254')],
  'private.test': [A('192.168.1.20')],
};
const resolver = (host: string) =>
  NAMES[host] === undefined
    ? Promise.reject(new Error(`unknown ${host}`))
    : Promise.resolve(NAMES[host]);

const fetcher = (allowPrivateHosts: boolean) =>
  createFetcher({
    userAgent: 'Herald-ssrf',
    timeoutMs: 3_000,
    maxBytes: 100_000,
    perHostConcurrency: 4,
    allowPrivateHosts,
    resolver,
  });

beforeAll(async () => {
  const redirect = (location: string) => (_req: unknown, res: import('node:http').ServerResponse) =>
    void res.writeHead(302, { location }).end();
  server = await startServer({
    '/feed': (_req, res) => void res.writeHead(200).end('<rss/>'),
    '/to-metadata': redirect('http://169.254.169.254/latest/meta-data/'),
    '/to-metadata-decimal': redirect('http://2852039166/latest/'),
    '/to-metadata-hex': redirect('http://0xa9.0xfe.0xa9.0xfe/latest/'),
    '/to-metadata-octal': redirect('http://0251.0376.0251.0376/latest/'),
    '/to-metadata-mapped': redirect('http://[::ffff:a9fe:a9fe]/latest/'),
    '/to-metadata-name': redirect('http://metadata.test/latest/'),
    '/to-alibaba': redirect('http://100.100.100.200/latest/'),
    '/to-file': redirect('file:///etc/passwd'),
    '/to-gopher': redirect('gopher://127.0.0.1:25/'),
  });
  port = Number(new URL(server.url('/')).port);
});
afterAll(() => server.close());

const hits = () => [...server.hits.values()].reduce((n, v) => n + v, 0);

function refusedReason(outcome: FetchOutcome): string | undefined {
  return outcome.kind === 'failed' ? outcome.reason : undefined;
}

describe('the SSRF guard', () => {
  it('refuses every private, loopback and link-local form, literal or resolved', async () => {
    const urls = [
      `http://127.0.0.1:${port}/feed`,
      `http://2130706433:${port}/feed`,
      `http://0x7f.1:${port}/feed`,
      `http://0x7f000001:${port}/feed`,
      `http://017700000001:${port}/feed`,
      `http://0177.0.0.1:${port}/feed`,
      `http://127.1:${port}/feed`,
      `http://[::1]:${port}/feed`,
      `http://[::ffff:127.0.0.1]:${port}/feed`,
      `http://[::ffff:7f00:1]:${port}/feed`,
      `http://[0:0:0:0:0:ffff:7f00:1]:${port}/feed`,
      `http://[::127.0.0.1]:${port}/feed`,
      `http://[64:ff9b::7f00:1]:${port}/feed`,
      `http://0.0.0.0:${port}/feed`,
      `http://0:${port}/feed`,
      `http://[::]:${port}/feed`,
      'http://10.0.0.1/feed',
      'http://172.16.0.1/feed',
      'http://192.168.0.1/feed',
      'http://100.64.0.1/feed',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fe80::1]/feed',
      'http://[fd00::1]/feed',
      `http://public.test:${port}/feed`,
      `http://rebind.test:${port}/feed`,
      `http://mapped.test:${port}/feed`,
      `http://private.test:${port}/feed`,
      'file:///etc/passwd',
      'ftp://127.0.0.1/feed',
      'gopher://127.0.0.1:25/',
      'data:text/xml,<rss/>',
    ];
    const fetch = fetcher(false);
    const reasons: string[] = [];
    for (const url of urls) {
      const reason = refusedReason(await fetch({ url }));
      expect(reason, url).toMatch(/refused|only http and https/);
      reasons.push(reason ?? '');
    }
    expect(hits()).toBe(0);
    console.log(
      `[reliability] ssrf guard: inputs tried ${urls.length}, rejected ${reasons.length} (${[...new Set(reasons.map((r) => r.replace(/^refused \S+ \(\S+, /, '').slice(0, 40)))].join('; ')}), crashes 0, hangs 0`,
    );
  });

  it('refuses redirects to metadata endpoints in any spelling, and to other schemes', async () => {
    const fetch = fetcher(true);
    expect((await fetch({ url: server.url('/feed') })).kind).toBe('ok');
    const paths = [
      '/to-metadata',
      '/to-metadata-decimal',
      '/to-metadata-hex',
      '/to-metadata-octal',
      '/to-metadata-mapped',
      '/to-metadata-name',
      '/to-alibaba',
      '/to-file',
      '/to-gopher',
    ];
    for (const path of paths) {
      const reason = refusedReason(await fetch({ url: server.url(path) }));
      expect(reason, path).toMatch(/cloud metadata|only http and https/);
    }
    console.log(
      `[reliability] ssrf redirects: inputs tried ${paths.length}, rejected ${paths.length} (cloud metadata; only http and https), crashes 0, hangs 0`,
    );
  });
});
