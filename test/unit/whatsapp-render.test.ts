import { Boom } from '@hapi/boom';
import { describe, expect, it } from 'vitest';
import { describeFailure, toOutcome } from '../../adapters/whatsapp/errors.ts';
import { neutralise, renderReply, WHATSAPP_LIMITS } from '../../adapters/whatsapp/render.ts';
import { deliver } from '../../adapters/whatsapp/send.ts';
import type { StoryCard } from '../../src/domain/reply.ts';
import { createFakeSocket } from '../support/whatsapp-fake.ts';

const card: StoryCard = {
  id: 'abc123',
  title: 'Harbour *bridge* reopens',
  source: 'City News',
  publishedAt: new Date('2026-06-01T08:30:00Z'),
  summary: ['The bridge reopened on Monday.', 'Traffic was _light_ at first.'],
  excerpt: '',
  url: 'https://news.example/bridge_reopens',
  topics: ['City', 'Transport'],
  keywords: [],
};
const opts = { timeZone: 'UTC' };
/** An image host that always answers with a few bytes of PNG. */
const withImages = {
  ...opts,
  fetchImage: () =>
    Promise.resolve({ ok: true as const, bytes: Buffer.from('png'), mimetype: 'image/png' }),
};
const ALICE = {
  platform: 'whatsapp' as const,
  chatId: '447700900123@s.whatsapp.net',
  kind: 'private' as const,
};

describe('WhatsApp rendering', () => {
  it('a story: bold title, italic source and time, bullets, the link alone on its line', () => {
    const out = renderReply({ kind: 'card', card }, opts);
    expect(out).toEqual({
      text: [
        '*Harbour ∗bridge∗ reopens*',
        '_City News · 1 Jun 2026, 08:30 UTC_',
        '',
        '• The bridge reopened on Monday.',
        '• Traffic was ˍlightˍ at first.',
        '',
        'https://news.example/bridge_reopens',
        '_Topics: City, Transport_',
      ].join('\n'),
    });
  });

  it('a story with an image: an image message with the text as caption', () => {
    const out = renderReply(
      { kind: 'card', card: { ...card, imageUrl: 'https://img.example/a.jpg' } },
      opts,
    );
    expect(out).toMatchObject({ image: { url: 'https://img.example/a.jpg' } });
    expect('caption' in out && out.caption.startsWith('*Harbour')).toBe(true);
  });

  it('a long caption drops summary sentences to fit 1,024 characters, keeping the link', () => {
    const long = {
      ...card,
      imageUrl: 'https://img.example/a.jpg',
      summary: Array.from({ length: 30 }, (_, i) => `Sentence ${i} ${'word '.repeat(12)}`),
    };
    const out = renderReply({ kind: 'card', card: long }, opts);
    if (!('caption' in out)) throw new Error('expected an image');
    expect(out.caption.length).toBeLessThanOrEqual(WHATSAPP_LIMITS.captionChars);
    expect(out.caption).toContain('\nhttps://news.example/bridge_reopens');
  });

  it('a non-web image URL is not fetched: text only', () => {
    const out = renderReply(
      { kind: 'card', card: { ...card, imageUrl: 'file:///etc/passwd' } },
      opts,
    );
    expect('text' in out).toBe(true);
  });

  it('user text cannot turn into formatting; a lone marker stays as written', () => {
    expect(neutralise('*all* _of_ ~these~ `code`')).toBe('∗all∗ ˍofˍ ∼these∼ ˋcodeˋ');
    expect(neutralise('5 * 3 = 15')).toBe('5 * 3 = 15');
    expect(neutralise('> not a quote\nx')).toBe(' > not a quote\nx');
    expect(neutralise('a\u202Eb\u0007c')).toBe('abc');
  });

  it('a list: bold heading, numbered bold titles, an italic footer', () => {
    const out = renderReply(
      {
        kind: 'cards',
        heading: 'Latest',
        cards: [{ ...card, number: 1 }],
        footer: 'Reply summary 1',
      },
      opts,
    );
    expect(out).toEqual({
      text: '*Latest*\n1. *Harbour ∗bridge∗ reopens*\n    _City News · 1 Jun 2026, 08:30 UTC_\n\n_Reply summary 1_',
    });
  });

  it('an error shows its usage in italics', () => {
    const out = renderReply(
      { kind: 'error', text: 'Say which story.', usage: 'summary <story>' },
      opts,
    );
    expect(out).toEqual({ text: '⚠️ Say which story.\n_Usage: summary <story>_' });
  });
});

describe('WhatsApp send errors to outcomes', () => {
  const outcome = (err: unknown) => toOutcome(describeFailure(err));

  it.each([
    [new Boom('rate-overlimit', { data: 429 }), 'retry'],
    [new Boom('Connection Closed', { statusCode: 428 }), 'transient'],
    [new Boom('Timed Out', { statusCode: 408 }), 'transient'],
    [new Boom('internal-server-error', { data: 500 }), 'transient'],
    [new Boom('service-unavailable', { data: 503 }), 'transient'],
    [new Error('socket hang up'), 'transient'],
    [new Boom('forbidden', { data: 403 }), 'rejected'],
    [new Boom('item-not-found', { data: 404 }), 'rejected'],
    [new Error('invalid JID'), 'rejected'],
    [new Boom('bad-request', { data: 400 }), 'invalid'],
    [new Boom('no content in message', { statusCode: 400 }), 'invalid'],
  ])('%s -> %s', (err, kind) => {
    expect(outcome(err).kind).toBe(kind);
  });

  it('a rate limit holds the sends for minutes', () => {
    const o = outcome(new Boom('rate-overlimit', { data: 429 }));
    expect(o.kind === 'retry' && o.afterMs >= 60_000).toBe(true);
  });

  it('deliver never throws, checks the target, and falls back to text when the image fails', async () => {
    const socket = createFakeSocket();
    const reply = {
      kind: 'card' as const,
      card: { ...card, imageUrl: 'https://img.example/gone.jpg' },
    };
    expect((await deliver(socket, { ...ALICE, platform: 'telegram' }, reply, opts)).kind).toBe(
      'invalid',
    );
    expect((await deliver(socket, { ...ALICE, chatId: 'not a jid' }, reply, opts)).kind).toBe(
      'rejected',
    );
    expect((await deliver(undefined, ALICE, reply, opts)).kind).toBe('transient');
    socket.failures.push(new Boom('Media upload failed on all hosts', { statusCode: 500 }));
    const sent = await deliver(socket, ALICE, reply, withImages);
    expect(sent.kind).toBe('sent');
    expect(socket.sent).toHaveLength(1);
    expect(socket.sent[0]?.content).toHaveProperty('text');
  });

  it('a closed connection during an image send is transient, not a text fallback', async () => {
    const socket = createFakeSocket();
    const reply = {
      kind: 'card' as const,
      card: { ...card, imageUrl: 'https://img.example/a.jpg' },
    };
    socket.failures.push(new Boom('Connection Closed', { statusCode: 428 }));
    expect((await deliver(socket, ALICE, reply, withImages)).kind).toBe('transient');
    expect(socket.sent).toHaveLength(0);
  });
});
