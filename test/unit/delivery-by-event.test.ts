import { describe, expect, it } from 'vitest';
import { createFanOut } from '../../src/delivery/fan-out.ts';
import type { Story } from '../../src/domain/story.ts';
import type { DeliveryPolicy } from '../../src/domain/subscription.ts';
import { developmentOf } from '../../src/text/events/development.ts';
import { serverError } from '../support/delivery-fakes.ts';
import {
  createDeliveryHarness,
  runUntilIdle,
  type DeliveryHarness,
} from '../support/delivery-harness.ts';
import { createEventBook } from '../support/event-book.ts';
import { COPY, FIRST, NEWS } from '../support/event-reports.ts';

function setup(policy: DeliveryPolicy, config: { followUpsPerEventDay?: number } = {}) {
  const book = createEventBook();
  const h = createDeliveryHarness({
    events: book,
    development: developmentOf,
    config,
    batch: false,
  });
  return { h, book, sub: () => h.subscribe({ chatId: '42' }, { policy }) };
}

/** Stores a report of `eventId` and announces it, as an ingest does. */
async function report(
  h: DeliveryHarness,
  book: ReturnType<typeof createEventBook>,
  eventId: string,
  fields: Partial<Story>,
): Promise<Story> {
  h.clock.set(h.clock.now().getTime() + 60_000);
  const story = await h.addStory(fields);
  book.add(eventId, story);
  await h.fanOut.enqueueStory(story);
  return story;
}

const footer = (reply: unknown) => (reply as { footer?: string }).footer;

describe('delivery by event', () => {
  it('posts an event once, then edits the post to name each new outlet', async () => {
    const { h, book, sub } = setup('event');
    await sub();
    const first = await report(h, book, 'e1', FIRST);
    await runUntilIdle(h);
    await report(h, book, 'e1', COPY);
    await runUntilIdle(h);
    await report(h, book, 'e1', NEWS);
    await runUntilIdle(h);
    const calls = h.platform().calls;
    const posts = calls.filter((c) => c.edit === undefined);
    const edits = calls.filter((c) => c.edit !== undefined);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.reply).toMatchObject({ kind: 'card', card: { id: first.id } });
    expect(edits.map((c) => c.edit?.messageId)).toEqual(['m1', 'm1']);
    expect(edits.map((c) => footer(c.reply))).toEqual([
      'Also reported by: Outlet B (2 outlets)',
      'Also reported by: Outlet B, Outlet C (3 outlets)',
    ]);
    // Each edit re-renders the first report's card.
    expect(edits.every((c) => c.reply.kind === 'card' && c.reply.card.id === first.id)).toBe(true);
  });

  it('names the outlets known when each report came, however late the edits go out', async () => {
    const { h, book, sub } = setup('event');
    await sub();
    await report(h, book, 'e1', FIRST);
    await report(h, book, 'e1', COPY);
    await report(h, book, 'e1', NEWS);
    await runUntilIdle(h);
    const edits = h.platform().calls.filter((c) => c.edit !== undefined);
    expect(edits.map((c) => footer(c.reply))).toEqual([
      'Also reported by: Outlet B (2 outlets)',
      'Also reported by: Outlet B, Outlet C (3 outlets)',
    ]);
    expect(h.platform().calls.filter((c) => c.edit === undefined)).toHaveLength(1);
  });

  it('gives a development one threaded follow-up on event+updates, none on event', async () => {
    for (const policy of ['event+updates', 'event'] as const) {
      const { h, book, sub } = setup(policy);
      await sub();
      await report(h, book, 'e1', FIRST);
      await runUntilIdle(h);
      await report(h, book, 'e1', COPY);
      const news = await report(h, book, 'e1', NEWS);
      await runUntilIdle(h);
      const followUps = h.platform().calls.filter((c) => c.replyTo !== undefined);
      if (policy === 'event') {
        expect(followUps).toEqual([]);
        continue;
      }
      expect(followUps).toHaveLength(1);
      expect(followUps[0]?.replyTo).toBe('m1');
      expect(followUps[0]?.reply).toMatchObject({ kind: 'card', card: { id: news.id } });
      const heading = (followUps[0]?.reply as { heading?: string }).heading ?? '';
      expect(heading).toMatch(/^Update: /);
      expect(heading).toMatch(/12|340|Cathomen|Kleinbasel/);
    }
  });

  it('keeps to the follow-ups a day per event', async () => {
    const { h, book, sub } = setup('event+updates', { followUpsPerEventDay: 1 });
    await sub();
    await report(h, book, 'e1', FIRST);
    await report(h, book, 'e1', NEWS);
    await report(h, book, 'e1', {
      source: 'Outlet D',
      title: 'Basel dam gate fails, 25 more streets flooded',
      body: 'A gate of the Birsfelden dam failed at noon, and water reached 25 more streets in Gundeldingen.\n\nThe canton called in 200 soldiers to fill sandbags.',
    });
    await runUntilIdle(h);
    expect(h.platform().calls.filter((c) => c.replyTo !== undefined)).toHaveLength(1);
    expect(h.platform().calls.filter((c) => c.edit !== undefined)).toHaveLength(2);
  });

  it('keeps today’s behaviour on every: a post per article, no edits', async () => {
    const { h, book, sub } = setup('every');
    await sub();
    await report(h, book, 'e1', FIRST);
    await report(h, book, 'e1', COPY);
    await report(h, book, 'e1', NEWS);
    await runUntilIdle(h);
    const calls = h.platform().calls;
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.edit === undefined && c.replyTo === undefined)).toBe(true);
  });

  it('announces nothing again when two events merge', async () => {
    const { h, book, sub } = setup('event+updates');
    await sub();
    const a = await report(h, book, 'e1', FIRST);
    const b = await report(h, book, 'e2', NEWS);
    await runUntilIdle(h);
    expect(h.platform().calls).toHaveLength(2);
    book.merge('e1', 'e2');
    const late = await report(h, book, 'e1', COPY);
    // The announcements of all three run again (a retried ingest): nothing new either.
    for (const story of [a, b, late]) await h.fanOut.enqueueStory(story);
    await runUntilIdle(h);
    const after = h.platform().calls.slice(2);
    expect(after.every((c) => c.edit !== undefined)).toBe(true);
    expect(after.map((c) => c.edit?.messageId)).toEqual(['m1']);
    expect(footer(after[0]?.reply)).toBe('Also reported by: Outlet C, Outlet B (3 outlets)');
  });

  it('never lets a failing edit hold up the chat’s next post', async () => {
    const { h, book, sub } = setup('event');
    const s = await sub();
    await report(h, book, 'e1', FIRST);
    await runUntilIdle(h);
    h.platform().respond = (_t, reply) =>
      reply.kind === 'card' && reply.footer !== undefined ? serverError() : undefined;
    await report(h, book, 'e1', COPY);
    const other = await report(h, book, 'e2', {
      source: 'Outlet Z',
      title: 'Parliament passes the budget',
      body: 'The budget passed by 101 votes to 80.',
    });
    await h.dispatcher.runOnce();
    const posts = h
      .platform()
      .acked()
      .filter((c) => c.edit === undefined);
    expect(posts.map((c) => (c.reply.kind === 'card' ? c.reply.card.id : ''))).toContain(other.id);
    await runUntilIdle(h);
    const rows = await h.outbox.listBySubscription(s.id);
    const edit = rows.find((r) => r.kind === 'edit');
    expect(edit).toMatchObject({ state: 'dead', lastErrorKind: 'exhausted' });
    expect(rows.filter((r) => r.kind === 'post').map((r) => r.state)).toEqual(['sent', 'sent']);
  });

  it('dead-letters an edit whose post was never sent, with the reason', async () => {
    const { h, book, sub } = setup('event');
    const s = await sub();
    h.platform().queue.push({ kind: 'invalid', reason: '400 bad photo' });
    await report(h, book, 'e1', FIRST);
    await runUntilIdle(h);
    await report(h, book, 'e1', COPY);
    await runUntilIdle(h);
    const edit = (await h.outbox.listBySubscription(s.id)).find((r) => r.kind === 'edit');
    expect(edit).toMatchObject({ state: 'dead', lastErrorKind: 'impossible' });
    expect(edit?.lastError).toContain('its post was not sent');
    expect(h.platform().calls.filter((c) => c.edit !== undefined)).toEqual([]);
  });

  it('gives a digest one entry per event, with its outlets', async () => {
    const { h, book } = setup('event');
    await h.subscribe({ chatId: '42' }, { mode: { kind: 'digest', times: ['08:00'] } });
    await report(h, book, 'e1', FIRST);
    await report(h, book, 'e1', COPY);
    await report(h, book, 'e2', { source: 'Outlet Z', title: 'Budget passes', body: 'It passed.' });
    await runUntilIdle(h);
    const [digest] = h.platform().calls;
    expect(h.platform().calls).toHaveLength(1);
    expect(digest?.reply.kind).toBe('cards');
    const cards = digest?.reply.kind === 'cards' ? digest.reply.cards : [];
    expect(cards.map((c) => [c.source, c.outlets])).toEqual([
      ['Outlet A', 2],
      ['Outlet Z', undefined],
    ]);
  });

  it('lets a subscription on every keep a digest of every article', async () => {
    const { h, book } = setup('every');
    await h.subscribe(
      { chatId: '42' },
      { policy: 'every', mode: { kind: 'digest', times: ['08:00'] } },
    );
    await report(h, book, 'e1', FIRST);
    await report(h, book, 'e1', COPY);
    await runUntilIdle(h);
    const [digest] = h.platform().calls;
    // Rows of every article; the digest still shows the event once.
    expect(digest?.reply.kind === 'cards' ? digest.reply.cards.length : 0).toBe(1);
  });

  it('turns a post another process made first into an edit, not a second post', async () => {
    const { h, book, sub } = setup('event');
    const s = await sub();
    const a = await h.addStory(FIRST);
    book.add('e1', a);
    const b = await h.addStory(COPY);
    book.add('e1', b);
    // This process read the outbox before the other one enqueued its post of e1 (for a)...
    let stale = true;
    const outbox = {
      ...h.outbox,
      listByStories: async (ids: readonly string[]) => {
        if (!stale) return h.outbox.listByStories(ids);
        stale = false;
        await h.outbox.enqueue(
          [
            {
              storyId: a.id,
              subscriptionId: s.id,
              platform: 'telegram',
              chatKey: 'telegram:42',
              eventId: 'e1',
            },
          ],
          h.clock.now(),
        );
        return [];
      },
    };
    const fanOut = createFanOut({
      subscriptions: h.subscriptions,
      outbox,
      clock: h.clock,
      digestTimezone: 'UTC',
      events: book,
      stories: h.stories,
    });
    // ...so it plans a post of b, which the store refuses: it plans again and edits a's post.
    expect(await fanOut.enqueueStory(b)).toEqual({ matched: 1, enqueued: 1 });
    const rows = await h.outbox.listBySubscription(s.id);
    expect(rows.map((r) => [r.storyId, r.kind])).toEqual([
      [a.id, 'post'],
      [b.id, 'edit'],
    ]);
  });
});
