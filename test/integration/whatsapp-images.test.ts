import type { LookupAddress } from 'node:dns';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageFetchOf } from '../../adapters/whatsapp/media.ts';
import { createManualClock } from '../../src/domain/clock.ts';
import { silentLog } from '../../src/domain/log.ts';
import type { CommandHandler } from '../../src/domain/platform.ts';
import type { Reply } from '../../src/domain/reply.ts';
import { createFetcher, type FetcherOptions } from '../../src/ingest/feeds/fetch.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteSubscriptionStore } from '../../src/store/sqlite/subscription-store.ts';
import { startServer, type TestServer } from '../fixtures/feeds/server.ts';
import { createWhatsAppHarness } from '../support/whatsapp-harness.ts';

/**
 * The image of a WhatsApp story is fetched by Herald's own host, so it goes through the feeds'
 * fetcher: the SSRF guard, redirect rules, size cap and timeout. The real platform over a fake
 * socket, the real fetcher against a loopback image host that counts its hits.
 */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const ALICE = {
  platform: 'whatsapp' as const,
  chatId: '447700900123@s.whatsapp.net',
  kind: 'private' as const,
};
const commands: CommandHandler = { handleText: () => Promise.resolve(undefined) };

let host: TestServer;
beforeAll(async () => {
  const image =
    (body: Buffer, type = 'image/png') =>
    (_req: unknown, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': type, 'content-length': String(body.length) }).end(body);
    };
  host = await startServer({
    '/photo.png': image(PNG),
    '/huge.png': image(Buffer.alloc(50_000, 1)),
    '/huge-chunked.png': (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      for (let i = 0; i < 50; i += 1) res.write(Buffer.alloc(1_000, 1));
      res.end();
    },
    '/page.html': image(Buffer.from('<html></html>'), 'text/html'),
    '/to-metadata': (_req, res) => {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    },
    '/to-file': (_req, res) => {
      res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    },
    '/slow.png': () => undefined,
  });
});
afterAll(() => host.close());

/** 'images.test' resolves to a private address, as a hostile DNS answer would. */
const resolver = (name: string): Promise<LookupAddress[]> =>
  name === 'images.test'
    ? Promise.resolve([{ address: '10.0.0.5', family: 4 }])
    : Promise.reject(new Error(`unknown ${name}`));

async function sendStory(imageUrl: string, fetcher: Partial<FetcherOptions> = {}) {
  const fetchImage = imageFetchOf(
    createFetcher({
      userAgent: 'Herald-test',
      timeoutMs: 2_000,
      maxBytes: 10_000,
      perHostConcurrency: 2,
      allowPrivateHosts: false,
      resolver,
      ...fetcher,
    }),
    silentLog,
  );
  const db = openSqliteDatabase(':memory:');
  const clock = createManualClock(new Date('2026-06-01T08:00:00Z'));
  const subscriptions = createSqliteSubscriptionStore(db);
  const wa = createWhatsAppHarness({ subscriptions, clock, db, overrides: { fetchImage } });
  const socket = await wa.start(commands);
  const reply: Reply = {
    kind: 'card',
    card: {
      id: 'abc',
      title: 'Harbour bridge reopens',
      source: 'City News',
      publishedAt: new Date('2026-06-01T07:00:00Z'),
      summary: ['The bridge reopened on Monday.'],
      excerpt: '',
      imageUrl,
      topics: [],
      keywords: [],
    },
  };
  const outcome = await wa.platform.send(ALICE, reply);
  await wa.platform.stop();
  return { outcome, sent: socket.sent.map((m) => m.content) };
}

const textOnly = { text: expect.stringContaining('Harbour bridge reopens') as unknown };

describe('a WhatsApp story image is fetched like a feed', () => {
  it('an allowed image goes as bytes Herald fetched, never as a URL for baileys to fetch', async () => {
    const { outcome, sent } = await sendStory(host.url('/photo.png'), { allowPrivateHosts: true });
    expect(outcome.kind).toBe('sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ image: PNG, mimetype: 'image/png' });
    expect(sent[0]).toHaveProperty('caption', expect.stringContaining('Harbour bridge reopens'));
  });

  it.each([
    ['a loopback address', () => host.url('/photo.png')],
    ['a name that resolves to a private address', () => 'http://images.test/photo.png'],
    ['a private address', () => 'http://192.168.1.20/photo.png'],
  ])('refuses %s and sends the story as text', async (_name, url) => {
    const before = host.hits.get('/photo.png') ?? 0;
    const { outcome, sent } = await sendStory(url());
    expect(outcome.kind).toBe('sent');
    expect(sent).toEqual([textOnly]);
    expect(host.hits.get('/photo.png') ?? 0).toBe(before);
  });

  it.each([
    ['larger than the size cap (declared)', '/huge.png'],
    ['larger than the size cap (streamed)', '/huge-chunked.png'],
    ['redirected to the cloud metadata address', '/to-metadata'],
    ['redirected to a file: URL', '/to-file'],
    ['not an image', '/page.html'],
  ])('refuses an image %s and sends the story as text', async (_name, path) => {
    const { outcome, sent } = await sendStory(host.url(path), { allowPrivateHosts: true });
    expect(outcome.kind).toBe('sent');
    expect(sent).toEqual([textOnly]);
  });

  it('gives up on an image host that does not answer within the timeout', async () => {
    const { outcome, sent } = await sendStory(host.url('/slow.png'), {
      allowPrivateHosts: true,
      timeoutMs: 300,
    });
    expect(outcome.kind).toBe('sent');
    expect(sent).toEqual([textOnly]);
  });
});
